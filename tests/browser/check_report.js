// Opens a joinedup board pack (report.html) in headless Chromium through playwright-core and
// fails on anything a board member would notice: a console error or page error, any request that
// leaves the file (the page must be self-contained), a script element, a missing section, a chart
// without its text alternative or its data table, SPC points that do not match the data table, a
// full NHS number, or a page that does not print on A4. Keeps a screenshot and the A4 PDF.
//
//   node check_report.js REPORT.html OUT_DIR [--expect-incomplete]
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const [, , reportPath, outDir, flag] = process.argv;
if (!reportPath || !outDir) {
  console.error('usage: node check_report.js REPORT.html OUT_DIR [--expect-incomplete]');
  process.exit(2);
}
const expectIncomplete = flag === '--expect-incomplete';
const failures = [];
const fail = (msg) => failures.push(msg);

// A valid NHS number: ten digits whose mod-11 check digit holds (NHS Data Dictionary).
function validNhsNumber(digits) {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === Number(digits[9]);
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.JOINEDUP_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const url = 'file://' + path.resolve(reportPath);
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') fail(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => fail(`page error: ${e}`));
    await page.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url) return route.continue();
      fail(`the page asked for another resource: ${u}`);
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });

    const count = (sel) => page.locator(sel).count();
    if (await count('script') !== 0) fail('the page has a script element');
    if (await count('h1') !== 1) fail('expected one h1');
    for (const id of ['fund', 'care', 'outcomes', 'governance']) {
      if (await count(`section#${id}`) !== 1) fail(`section #${id} is missing`);
    }
    const banner = await count('#incomplete');
    if (expectIncomplete && banner !== 1) fail('expected the INCOMPLETE banner');
    if (!expectIncomplete && banner !== 0) fail('the pack says it is INCOMPLETE');

    // Every chart: an SVG with role img, a title and a desc with words, a caption, a data table.
    const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
      const svg = f.querySelector('.chart-svg svg');
      const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      return {
        id: f.id, kind: f.className,
        role: svg && svg.getAttribute('role'),
        title: svg && svg.querySelector('title') ? svg.querySelector('title').textContent : '',
        desc: svg && svg.querySelector('desc') ? svg.querySelector('desc').textContent : '',
        caption: f.querySelector('figcaption') ? f.querySelector('figcaption').textContent : '',
        rows: f.querySelectorAll('.chart-data table tbody tr').length,
        points: svg ? svg.querySelectorAll('circle.point').length : 0,
        bars: svg ? svg.querySelectorAll('g.bar').length : 0,
        valued: Array.from(f.querySelectorAll('.chart-data table tbody tr')).filter((tr) => tr.children[1] && tr.children[1].textContent.trim() !== '').length,
        width: box.width, height: box.height,
      };
    }));
    if (!expectIncomplete && charts.filter((c) => c.kind.includes('spc')).length === 0) fail('no SPC chart');
    if (!expectIncomplete && charts.filter((c) => c.kind.includes('bars')).length === 0) fail('no bar chart');
    for (const c of charts) {
      if (c.role !== 'img') fail(`${c.id}: the SVG has no role="img"`);
      if (c.title.trim() === '' || c.desc.trim().split(/\s+/).length < 6) fail(`${c.id}: no text alternative`);
      if (c.caption.trim() === '') fail(`${c.id}: no caption`);
      if (c.rows === 0) fail(`${c.id}: no data table beside the chart`);
      if (c.width < 200 || c.height < 100) fail(`${c.id}: the chart is not drawn (${c.width}×${c.height})`);
      if (c.kind.includes('spc') && c.points !== c.valued) fail(`${c.id}: ${c.points} points drawn, ${c.valued} values in its table`);
      if (c.kind.includes('bars') && c.bars !== c.rows) fail(`${c.id}: ${c.bars} bars, ${c.rows} rows in its table`);
    }
    // SPC: special-cause points coloured as Making Data Count colours them.
    const colours = await page.$$eval('figure.spc circle.point', (cs) => cs.map((c) => [c.getAttribute('class'), c.getAttribute('fill')]));
    const expected = { common_cause: '#a6a6a6', improvement: '#00b0f0', concern: '#e46c0a', neutral_high: '#490092', neutral_low: '#490092' };
    for (const [cls, fill] of colours) {
      const type = cls.replace('point ', '');
      if (expected[type] !== fill) fail(`an SPC point of type ${type} is coloured ${fill}`);
    }
    if (!expectIncomplete) {
      if (await count('svg.icon.variation') === 0) fail('no variation icon');
      if (await count('.figures .figure') < 6) fail('too few key figures');
    }

    // No full NHS number anywhere in the text.
    const text = await page.evaluate(() => document.body.innerText);
    for (const m of text.matchAll(/\b(\d{3})[ -]?(\d{3})[ -]?(\d{4})\b/g)) {
      if (validNhsNumber(m[1] + m[2] + m[3])) fail(`a full NHS number appears: ${m[0].slice(0, 3)}…`);
    }

    await page.screenshot({ path: path.join(outDir, 'report.png'), fullPage: false });
    await page.setViewportSize({ width: 794, height: 1123 });  // A4 at 96 dpi
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ path: path.join(outDir, 'report.pdf'), format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    // A4 is 210 mm × 297 mm: 595.28 × 841.89 points; Chromium writes 594.96 × 841.92.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    const a4 = boxes.length > 0 && boxes.every((b) => Math.abs(Number(b[1]) - 595.28) < 1 && Math.abs(Number(b[2]) - 841.89) < 1);
    if (pages < 1) fail('the PDF has no pages');
    if (!a4) fail('the printed pages are not A4');
    // Printed, nothing is wider than the page.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 2) fail(`printed, the page is ${overflow}px wider than A4`);

    console.log(`check_report: ${charts.length} charts, ${await count('table')} tables, ${pages} A4 pages; screenshot ${path.join(outDir, 'report.png')}`);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    for (const f of failures) console.error('FAIL: ' + f);
    process.exit(1);
  }
})().catch((e) => { console.error(e); process.exit(1); });
