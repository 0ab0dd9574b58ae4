// joinedup (private): the small documents of a generated area (docs/demo-area.md) as text with
// @NAME@ placeholders. area_generator.cpp fills them, reads them with the project's readers and
// writes them again with its writers, so each file is in the writer's own form.
#pragma once

#include <string_view>

namespace joinedup::io::detail::area_text {

/// The arrangement: accounting officers, funds, services and accountability lines.
inline constexpr std::string_view commissioner = R"json({
  "schema": "joinedup/commissioner/v1",
  "name": "Wrenfield single commissioning arrangement for older people's health, care and housing",
  "hwb_gss_code": "@HWB@",
  "as_of": "@AS_OF@",
  "partners": [
    {"id": "icb", "name": "@ICB_NAME@", "kind": "icb", "ods_code": "@ICB_ODS@", "gss_code": "@ICB_GSS@"},
    {"id": "council", "name": "@COUNCIL_NAME@", "kind": "council", "ods_code": "@COUNCIL_ODS@", "gss_code": "@HWB@"}
  ],
  "accounting_officers": [
    {"name": "Helen Marsh", "post": "Director of Joint Commissioning", "partner": "council", "from": "2020-04-01", "to": "2024-06-30"},
    {"name": "Dr Tomasz Nowak", "post": "Director of Integrated Commissioning (joint post, council and ICB)", "partner": "council", "from": "2024-07-01"}
  ],
  "funds": [
    {"id": "bcf_2025_26", "name": "@FUND_NAME@", "fund_file": "budget-fund.json"},
    {"id": "equipment_pool", "name": "Integrated community equipment pooled budget"}
  ],
  "services": [
    {"id": "reablement", "name": "Home-based reablement and rehabilitation", "commissioned_by": ["council", "icb"], "fund": "bcf_2025_26"},
    {"id": "intermediate_care_beds", "name": "Step-down intermediate care beds", "commissioned_by": ["icb", "council"], "fund": "bcf_2025_26"},
    {"id": "community_equipment", "name": "Community equipment and telecare", "commissioned_by": ["council", "icb"], "fund": "equipment_pool"},
    {"id": "carers_support", "name": "Carers' breaks and support", "commissioned_by": ["council", "icb"], "fund": "bcf_2025_26"},
    {"id": "adaptations", "name": "Home adaptations (Disabled Facilities Grant)", "commissioned_by": ["council"], "fund": "bcf_2025_26"}
  ],
  "lines": [
    {"id": "nhse_quarterly", "kind": "nhs_england", "body": "NHS England (Better Care Fund team)", "funds": ["bcf_2025_26"],
     "figures": ["planned and actual expenditure by scheme", "BCF metrics", "national conditions met"], "cadence": "quarterly",
     "returns": [
       {"period": "2025-26 Q1", "due": "2025-08-29", "submitted": "2025-08-28"},
       {"period": "2025-26 Q2", "due": "2025-10-31", "submitted": "2025-10-30"},
       {"period": "2025-26 Q3", "due": "2026-01-30", "submitted": "2026-01-29"},
       {"period": "2025-26 Q4", "due": "2026-05-29"}
     ]},
    {"id": "nhse_plan", "kind": "nhs_england", "body": "NHS England (Better Care Fund team)", "funds": ["bcf_2025_26"],
     "figures": ["BCF plan: expenditure, metrics and ambitions, capacity and demand"], "cadence": "annual_plan",
     "returns": [{"period": "2025-26 plan", "due": "2025-03-31", "submitted": "2025-03-28", "hwb_signed_off": "2025-03-19"}]},
    {"id": "council_quarterly", "kind": "council", "body": "Wrenfield Council (s151 officer, then Cabinet)", "partner": "council",
     "funds": ["bcf_2025_26", "equipment_pool"], "figures": ["pooled fund income and expenditure", "forecast outturn", "risk-share position"],
     "cadence": "quarterly",
     "returns": [
       {"period": "2025-26 Q1", "due": "2025-08-15", "submitted": "2025-08-14"},
       {"period": "2025-26 Q2", "due": "2025-11-14", "submitted": "2025-11-12"},
       {"period": "2025-26 Q3", "due": "2026-02-13", "submitted": "2026-02-13"}
     ]},
    {"id": "icb_quarterly", "kind": "icb", "body": "NHS Wrenfield and Vale ICB (Chief Finance Officer, then Board)", "partner": "icb",
     "funds": ["bcf_2025_26", "equipment_pool"], "figures": ["pooled fund income and expenditure", "forecast outturn", "risk-share position"],
     "cadence": "quarterly",
     "returns": [
       {"period": "2025-26 Q1", "due": "2025-08-15", "submitted": "2025-08-15"},
       {"period": "2025-26 Q2", "due": "2025-11-14", "submitted": "2025-11-13"},
       {"period": "2025-26 Q3", "due": "2026-02-13", "submitted": "2026-02-11"}
     ]},
    {"id": "hwb_year_end", "kind": "health_and_wellbeing_board", "body": "Wrenfield Health and Wellbeing Board",
     "on_behalf_of": "service users and the public", "funds": ["bcf_2025_26", "equipment_pool"],
     "figures": ["year-end return", "outcomes for service users", "progress on integration"], "cadence": "year_end",
     "returns": [
       {"period": "2024-25 year-end", "due": "2025-05-23", "submitted": "2025-05-21", "hwb_signed_off": "2025-05-15"},
       {"period": "2025-26 year-end", "due": "2026-05-22"}
     ]}
  ]
})json";

/// The scheme of delegation: roles, people, who held which role when, and the rules.
inline constexpr std::string_view delegation = R"json({
  "schema": "joinedup/delegation/v1",
  "name": "Wrenfield pooled budgets: scheme of delegation 2025-26",
  "roles": [
    {"id": "icb_cfo", "name": "Chief Finance Officer", "partner": "icb"},
    {"id": "council_s151", "name": "Director of Finance (s151 officer)", "partner": "council"},
    {"id": "integrated_director", "name": "Director of Integrated Commissioning (accounting officer)", "partner": "council"},
    {"id": "pooled_fund_manager", "name": "Pooled Fund Manager", "partner": "council"},
    {"id": "hwb_chair", "name": "Chair of the Health and Wellbeing Board", "partner": "council"}
  ],
  "people": [
    {"id": "p-nowak", "name": "Dr Tomasz Nowak"},
    {"id": "p-adeyemi", "name": "Funmi Adeyemi"},
    {"id": "p-lindqvist", "name": "Erik Lindqvist"},
    {"id": "p-carter", "name": "J. Carter"},
    {"id": "p-bose", "name": "Priya Bose"},
    {"id": "p-quinn", "name": "Cllr M. Quinn"}
  ],
  "holdings": [
    {"person": "p-nowak", "role": "integrated_director", "from": "2024-07-01"},
    {"person": "p-adeyemi", "role": "icb_cfo", "from": "2022-10-03"},
    {"person": "p-lindqvist", "role": "icb_cfo", "from": "2025-07-01", "to": "2025-08-31"},
    {"person": "p-carter", "role": "council_s151", "from": "2018-06-04"},
    {"person": "p-bose", "role": "pooled_fund_manager", "from": "2021-04-01"},
    {"person": "p-quinn", "role": "hwb_chair", "from": "2024-05-22"}
  ],
  "rules": [
    {"id": "DEL-01", "action": "virement_between_lines", "limit": "50000.00", "requires": [{"role": "integrated_director", "count": 1}],
     "description": "Virement between lines of one scheme up to £50,000: the Director of Integrated Commissioning"},
    {"id": "DEL-02", "action": "virement_between_lines", "limit": "250000.00", "requires": [{"role": "icb_cfo", "count": 1}, {"role": "council_s151", "count": 1}],
     "description": "Virement between lines up to £250,000: both partners' finance directors"},
    {"id": "DEL-03", "action": "virement_between_schemes", "limit": "500000.00",
     "requires": [{"role": "icb_cfo", "count": 1}, {"role": "council_s151", "count": 1}, {"role": "integrated_director", "count": 1}],
     "description": "Virement between schemes up to £500,000: both finance directors and the Director of Integrated Commissioning"},
    {"id": "DEL-04", "action": "new_scheme", "limit": "1000000.00", "requires": [{"role": "icb_cfo", "count": 1}, {"role": "council_s151", "count": 1}],
     "description": "A new scheme or line up to £1m a year: both finance directors"},
    {"id": "DEL-05", "action": "contribution_variation", "limit": "2000000.00", "requires": [{"role": "icb_cfo", "count": 1}, {"role": "council_s151", "count": 1}],
     "description": "Varying a contribution (s75 agreement, reg 7(3)(b)) up to £2m: both finance directors"},
    {"id": "DEL-06", "action": "risk_share_deviation", "limit": "unlimited", "requires": [{"role": "icb_cfo", "count": 1}, {"role": "council_s151", "count": 1}],
     "description": "Any departure from the agreed risk share: both finance directors agree first"},
    {"id": "DEL-07", "action": "settlement", "limit": "unlimited", "requires": [{"role": "icb_cfo", "count": 1}, {"role": "council_s151", "count": 1}],
     "description": "The year-end risk-share settlement: both finance directors"},
    {"id": "DEL-08", "action": "plan_sign_off", "limit": "unlimited", "requires": [{"role": "hwb_chair", "count": 1}],
     "description": "The BCF plan is signed off for the Health and Wellbeing Board by its chair"}
  ]
})json";

/// One decision request put to the scheme of delegation.
inline constexpr std::string_view request = R"json({
  "schema": "joinedup/decision-request/v1",
  "id": "VIR-2026-007",
  "action": "virement_between_schemes",
  "amount": "@REQUEST_AMOUNT@",
  "on": "2026-03-10",
  "requester": "p-bose",
  "approvers": ["p-adeyemi", "p-carter", "p-nowak"],
  "description": "Move slippage on community equipment to home care packages for the year-end position"
})json";

/// The progress document: spend, coverage, ambitions and services.
inline constexpr std::string_view progress = R"json({
  "schema": "joinedup/progress/v1",
  "area": "Wrenfield",
  "as_of": "@AS_OF@",
  "financial_year": "@FY@",
  "spend": [
    {"partner": "icb", "total": "@ICB_TOTAL@", "pooled": "@ICB_POOLED@"},
    {"partner": "council", "total": "@COUNCIL_TOTAL@", "pooled": "@COUNCIL_POOLED@"}
  ],
  "population": {"residents": @RESIDENTS@, "covered": @COVERED@, "source": "Integrated neighbourhood teams' registered lists, March 2026 (fictional)"},
  "coverage": [
    {"date": "2017-03-31", "measure": "new_care_models", "covered": 38600, "residents": 331200, "source": "Wrenfield integrated care vanguard, registered lists on 31 March 2017 (fictional)"},
    {"date": "2018-03-31", "measure": "new_care_models", "covered": 69800, "residents": 333000, "source": "Wrenfield integrated care vanguard, registered lists on 31 March 2018 (fictional)"},
    {"date": "2020-03-31", "measure": "new_care_models", "covered": 150400, "residents": 336900, "source": "Wrenfield primary care networks in the new care model, registered lists on 31 March 2020 (fictional)"}
  ],
  "ambitions": [
    {"id": "new_care_models_20pc_2017_18", "description": "20 % of the population covered by new care models by the end of 2017/18 (the Government's 2015/16 mandate to NHS England)",
     "share": "0.2", "by": "2018-03-31", "measure": "new_care_models", "confidence": "C",
     "source": "House of Commons Health and Social Care Committee, Integrated care: organisations, partnerships and systems (HC 650, 2018), para 26 - https://publications.parliament.uk/pa/cm201719/cmselect/cmhealth/650/65005.htm"},
    {"id": "new_care_models_50pc_2020", "description": "50 % of the population covered by new care models by 2020, read here as 31 March 2020 (the Government's 2015/16 mandate to NHS England)",
     "share": "0.5", "by": "2020-03-31", "measure": "new_care_models", "confidence": "C",
     "source": "House of Commons Health and Social Care Committee, Integrated care: organisations, partnerships and systems (HC 650, 2018), para 26 - https://publications.parliament.uk/pa/cm201719/cmselect/cmhealth/650/65005.htm"}
  ],
  "services": [
    {"id": "reablement", "name": "Home-based reablement", "commissioned_by": ["council", "icb"]},
    {"id": "intermediate_care_beds", "name": "Intermediate care beds", "commissioned_by": ["icb", "council"]},
    {"id": "community_equipment", "name": "Community equipment", "commissioned_by": ["council", "icb"]},
    {"id": "carers_support", "name": "Carers' breaks and support", "commissioned_by": ["council", "icb"]},
    {"id": "falls_prevention", "name": "Falls prevention", "commissioned_by": ["council", "icb"]},
    {"id": "home_care", "name": "Home care", "commissioned_by": ["council"]},
    {"id": "district_nursing", "name": "District nursing", "commissioned_by": ["icb"]},
    {"id": "adaptations", "name": "Home adaptations (DFG)", "commissioned_by": ["council"]}
  ]
})json";

/// The payment scenario for the capitation section.
inline constexpr std::string_view scenario = R"json({
  "schema": "joinedup/payment-scenario/v1",
  "name": "Wrenfield community and acute options 2026-27",
  "financial_year": "2026-27",
  "rounding": "half_up",
  "variable_rate": "100%",
  "variable_below_plan": true,
  "capitation_rate": "318.60",
  "withhold": "2.5%",
  "low_volume_threshold": "1500000.00",
  "low_volume_rule": "at_or_below",
  "sensitivity": "5%",
  "providers": [
    {"id": "WGH", "name": "Wrenfield General Hospital NHS Foundation Trust", "market_forces_factor": "1.041", "fixed_element": "@FIXED@", "weighted_population": "118420.5", "outcomes_met": ["READMIT", "HOME"]},
    {"id": "WCH", "name": "Wrenfield Community Health NHS Trust", "market_forces_factor": "1.018", "block_value": "@BLOCK@", "weighted_population": "39800", "outcomes_met": ["HOME"]},
    {"id": "VSC", "name": "Vale Independent Surgical Centre", "market_forces_factor": "1"},
    {"id": "WEC", "name": "Wrenfield Eye Clinic", "market_forces_factor": "1", "outcomes_met": ["READMIT"]}
  ],
  "currencies": [
    {"id": "EL", "name": "Elective spell", "unit_price": "3910.00", "variable": true},
    {"id": "OPFA", "name": "Outpatient first attendance", "unit_price": "165.00", "variable": true},
    {"id": "NEL", "name": "Non-elective spell", "unit_price": "2285.00", "variable": false},
    {"id": "CCV", "name": "Community care contact", "unit_price": "69.40", "variable": false}
  ],
  "indicators": [
    {"id": "READMIT", "name": "Emergency readmissions within 30 days", "weight": 1},
    {"id": "HOME", "name": "Discharged to usual place of residence", "weight": 1}
  ],
  "activity": [
    {"provider": "WGH", "currency": "EL", "planned": "4500", "actual": "@EL_ACTUAL@"},
    {"provider": "WGH", "currency": "OPFA", "planned": "40200", "actual": "@OPFA_ACTUAL@"},
    {"provider": "WGH", "currency": "NEL", "planned": "9400", "actual": "@NEL_ACTUAL@"},
    {"provider": "WCH", "currency": "CCV", "planned": "148000", "actual": "@CCV_ACTUAL@"},
    {"provider": "VSC", "currency": "EL", "planned": "820", "actual": "@VSC_ACTUAL@"},
    {"provider": "WEC", "currency": "OPFA", "planned": "6400", "actual": "@WEC_ACTUAL@"}
  ]
})json";

}  // namespace joinedup::io::detail::area_text
