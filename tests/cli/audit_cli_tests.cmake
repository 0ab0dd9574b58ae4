# CLI tests for `joinedup audit …` (docs/audit.md). examples/data/northmoor-audit.jsonl was written
# by `joinedup audit append` (the commands are in docs/audit.md); tampered-audit.jsonl is the same
# log with the virement on line 3 changed from 150000.00 to 15000.00 by hand.
joinedup_cli_test(audit_verify_example 0 ARGS audit verify examples/data/northmoor-audit.jsonl
                  OUT "8 entries on 8 lines \\(3532 bytes\\), 2025-03-20T10:30:00Z to 2026-05-28T10:00:00Z\nhead: seq 8 hash 906226e33bd7c9c56ae80acef0f947a70d75cc2a04057137561d26fab6cb4a99\nchain verified")
joinedup_cli_test(audit_verify_example_json 0 ARGS audit verify examples/data/northmoor-audit.jsonl --format json
                  OUT "\"schema\": \"joinedup/audit-verify/v1\".*\"ok\": true.*\"entries\": 8.*\"torn_tail\": false")
joinedup_cli_test(audit_verify_stdin 0 ARGS audit verify - STDIN examples/data/northmoor-audit.jsonl
                  OUT "8 entries on 8 lines")
# The edited entry is named: line 3, seq 3, hash mismatch; nothing else is reported.
joinedup_cli_test(audit_verify_tampered 1 ARGS audit verify examples/data/tampered-audit.jsonl
                  OUT "chain NOT verified: 1 problem\n"
                  ERR "error governance.audit.hash_mismatch at /hash \\(line 3\\): seq 3: stored hash is fedf4d83ce0e… but the entry hashes to .*1 error")
# The entries as a table: the virement on line 3 (edited to 15000.00) does not verify; the
# entries after it link to its stored hash and do.
joinedup_cli_test(audit_verify_tampered_csv 1 ARGS audit verify examples/data/tampered-audit.jsonl --format csv
                  OUT "^line,seq,at,actor,action,subject,amount,verified,problems\n1,1,2025-03-20T10:30:00Z,[^\n]*,plan_sign_off,Northmoor BCF plan 2025-26,,true,\n2,2,[^\n]*,true,\n3,3,2025-07-14T09:15:00Z,\"S. Hale, Director of Finance, Northmoor Council\",virement,Northmoor Better Care Fund 2025-26,15000.00,false,governance.audit.hash_mismatch\n4,4,[^\n]*,true,\n"
                  ERR "governance.audit.hash_mismatch at /hash \\(line 3\\)")
joinedup_cli_test(audit_verify_tampered_json 1 ARGS audit verify examples/data/tampered-audit.jsonl --format json
                  OUT "\"ok\": false.*\"code\": \"governance.audit.hash_mismatch\".*\"line\": 3.*\"name\": \"entries\".*\"seq\": 3,[^}]*\"amount\": \"15000.00\",\n *\"verified\": false,\n *\"problems\": \"governance.audit.hash_mismatch\""
                  REJECT "\n}\n.")
joinedup_cli_test(audit_verify_tampered_text 1 ARGS audit verify examples/data/tampered-audit.jsonl
                  OUT "^Audit trail\nline +seq +at +actor +action +subject +amount +verified +problems\n.*\n +3 +3 +2025-07-14T09:15:00Z +S. Hale[^\n]* +virement +Northmoor Better Care Fund 2025-26 +£15,000.00 +no +governance.audit.hash_mismatch\n")
# Anchors: seq 3's hash as printed when it was appended.
joinedup_cli_test(audit_verify_anchor 0 ARGS audit verify examples/data/northmoor-audit.jsonl
                  --anchor 3:fedf4d83ce0e46532116c649f389e2dfe4517982e39bf237274aeb186490a33f)
joinedup_cli_test(audit_verify_anchor_differs 1 ARGS audit verify examples/data/northmoor-audit.jsonl
                  --anchor 2:fedf4d83ce0e46532116c649f389e2dfe4517982e39bf237274aeb186490a33f
                  ERR "governance.audit.anchor at /hash \\(line 2\\)")
joinedup_cli_test(audit_verify_anchor_usage 2 ARGS audit verify examples/data/northmoor-audit.jsonl
                  --anchor 3:fedf ERR "not SEQ:HASH")
joinedup_cli_test(audit_verify_missing 1 ARGS audit verify /nonexistent.jsonl ERR "io.file.read")
joinedup_cli_test(audit_append_bad_action 2 ARGS audit append /nonexistent/x.jsonl --actor A
                  --action approve --subject S ERR "'approve' is not an audit action; use one of: virement, new_scheme")
joinedup_cli_test(audit_append_bad_time 2 ARGS audit append /nonexistent/x.jsonl --actor A
                  --action note --subject S --at 2025-07-14 ERR "--at: .*YYYY-MM-DDTHH:MM:SSZ")
joinedup_cli_test(audit_append_bad_amount 2 ARGS audit append /nonexistent/x.jsonl --actor A
                  --action note --subject S --amount 1.005 ERR "core.money.precision")
joinedup_cli_test(audit_append_no_folder 1 ARGS audit append /nonexistent/x.jsonl --actor A
                  --action note --subject S ERR "io.file.write.*cannot open for appending")

# A new log in the build tree, appended to in order (each test depends on the one before).
set(_audit_dir "${CMAKE_CURRENT_BINARY_DIR}/audit-cli")
set(_audit_new "${_audit_dir}/new.jsonl")
set(_audit_torn "${_audit_dir}/torn.jsonl")
add_test(NAME cli.audit_setup
         COMMAND sh -c "rm -rf '${_audit_dir}' && mkdir -p '${_audit_dir}' && head -c 3000 '${PROJECT_SOURCE_DIR}/examples/data/northmoor-audit.jsonl' > '${_audit_torn}'")
set_tests_properties(cli.audit_setup PROPERTIES FIXTURES_SETUP audit_cli)
joinedup_cli_test(audit_append_first 0 ARGS audit append ${_audit_new} --actor "Northmoor HWB"
                  --action plan_sign_off --subject "BCF plan 2025-26" --at 2025-03-20T10:30:00Z
                  OUT "created .*new.jsonl\nappended seq 1 \\(plan_sign_off\\) at 2025-03-20T10:30:00Z\nhash [0-9a-f]+\n")
joinedup_cli_test(audit_append_second 0 ARGS audit append ${_audit_new} --actor "S. Hale"
                  --action virement --subject "Northmoor BCF 2025-26" --amount "£150,000.00"
                  --details "{\"to\": \"L01\", \"from\": \"L05\"}" --at 2025-07-14T09:15:00Z --format json
                  OUT "^{\"seq\":2,\"at\":\"2025-07-14T09:15:00Z\",\"actor\":\"S. Hale\",\"action\":\"virement\",\"subject\":\"Northmoor BCF 2025-26\",\"amount\":\"150000.00\",\"details\":{\"from\":\"L05\",\"to\":\"L01\"},\"prev\":\"[0-9a-f]+\",\"hash\":\"[0-9a-f]+\"}\n$")
joinedup_cli_test(audit_append_earlier 1 ARGS audit append ${_audit_new} --actor "S. Hale"
                  --action note --subject S --at 2025-07-14T09:14:59Z
                  ERR "governance.audit.time_order.*before the last entry's \\(2025-07-14T09:15:00Z\\)")
joinedup_cli_test(audit_append_bad_details 1 ARGS audit append ${_audit_new} --actor "S. Hale"
                  --action note --subject S --details "{\"rate\": 0.5}" ERR "governance.audit.details at /details/rate")
joinedup_cli_test(audit_verify_new 0 ARGS audit verify ${_audit_new} --format csv
                  OUT "^line,seq,at,actor,action,subject,amount,verified,problems\n1,1,2025-03-20T10:30:00Z,Northmoor HWB,plan_sign_off,BCF plan 2025-26,,true,\n2,2,2025-07-14T09:15:00Z,S. Hale,virement,Northmoor BCF 2025-26,150000.00,true,\n$")
# A log cut off in the middle of line 7 (bytes 2727-3071): 6 whole entries and 274 bytes.
joinedup_cli_test(audit_verify_torn 1 ARGS audit verify ${_audit_torn}
                  OUT "6 entries on 7 lines"
                  ERR "governance.audit.truncated \\(line 7\\): the final line \\(274 bytes\\) has no line end")
joinedup_cli_test(audit_append_torn 1 ARGS audit append ${_audit_torn} --actor "Pooled fund manager"
                  --action note --subject "Q3 report" --at 2026-01-21T09:00:00Z
                  ERR "governance.audit.torn_tail.*incomplete line of 274 bytes.*--repair")
joinedup_cli_test(audit_append_repair 0 ARGS audit append ${_audit_torn} --actor "Pooled fund manager"
                  --action note --subject "Q3 report" --at 2026-01-21T09:00:00Z --repair
                  OUT "repaired: cut off an incomplete final line of 274 bytes, recorded as seq 7 \\(note\\)\nappended seq 8 \\(note\\)")
joinedup_cli_test(audit_verify_repaired 0 ARGS audit verify ${_audit_torn}
                  OUT "8 entries on 8 lines.*chain verified")
set(_audit_order cli.audit_append_first cli.audit_append_second cli.audit_append_earlier
                 cli.audit_append_bad_details cli.audit_verify_new cli.audit_verify_torn
                 cli.audit_append_torn cli.audit_append_repair cli.audit_verify_repaired)
set(_audit_previous cli.audit_setup)
foreach(_t IN LISTS _audit_order)
  set_tests_properties(${_t} PROPERTIES FIXTURES_REQUIRED audit_cli DEPENDS ${_audit_previous})
  set(_audit_previous ${_t})
endforeach()

# The demo verifies the sample area's trail (data/demo/audit.jsonl: its fund events, written by
# the commands in docs/audit.md, "The demo's trail").
joinedup_cli_test(audit_demo 0 ARGS demo
                  OUT "== governance: audit trail ==\nAudit trail\nline +seq +at +actor.*\n +1 +1 +2025-03-20T10:30:00Z +Northmoor Health and Wellbeing Board[^\n]* +plan_sign_off.*\n +3 +3 +2025-07-14T09:15:00Z +S. Hale[^\n]* +virement +Northmoor Better Care Fund 2025-26 +£150,000.00 +yes\n.*audit.jsonl: 6 entries on 6 lines.*head: seq 6 hash a5efb2ec9af6ebd0d49f6cbb7128a6df582a20e40a75efb10587e7ce89fa88c6\nchain verified")
