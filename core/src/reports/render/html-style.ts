// The report page's stylesheet: an A4 printable layout (cover, cards, tables that repeat their
// header across pages) that reads the same on screen. No web fonts or images: the page renders
// offline and the PDF is self-contained.
export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: 'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif;
  color: #1d2939; font-size: 10pt; line-height: 1.45; background: #fff; }
main { max-width: 182mm; margin: 0 auto; }
h1, h2, h3 { color: #102a43; margin: 0; line-height: 1.2; }
h2 { font-size: 13pt; margin: 0 0 3mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid #102a43;
  break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 2mm; break-after: avoid; }
p { margin: 0 0 2mm; }
section { margin: 0 0 7mm; }
.cover { break-after: page; margin: 0; }
.band { background: #102a43; color: #fff; padding: 7mm 8mm 8mm; border-radius: 2mm; }
.brand { font-size: 9pt; letter-spacing: 0.12em; text-transform: uppercase; color: #9fb3c8; }
.brand b { color: #fff; letter-spacing: 0.14em; }
.band h1 { color: #fff; font-size: 22pt; margin: 4mm 0 2mm; }
.band .audience { font-size: 12pt; color: #d9e2ec; margin: 0; }
.band .audience strong { color: #fff; }
.meta { display: grid; grid-template-columns: 28mm 1fr; gap: 1mm 4mm; margin: 5mm 0 0; font-size: 9pt;
  color: #d9e2ec; }
.meta dt { color: #9fb3c8; }
.meta dd { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 6mm 0; }
.card { border: 0.8pt solid #d0d5dd; border-top: 2.5pt solid #102a43; border-radius: 1.5mm; padding: 3mm; }
.card .label { font-size: 8pt; color: #475467; text-transform: uppercase; letter-spacing: 0.04em; }
.card .value { font-size: 17pt; font-weight: bold; color: #102a43; margin: 1mm 0; }
.card .sub { font-size: 8pt; color: #475467; }
.summary { background: #f0f4f8; border-left: 3pt solid #102a43; padding: 4mm 5mm; border-radius: 1mm; }
.summary ul { margin: 0; padding-left: 4.5mm; }
.summary li { margin: 0 0 1.5mm; }
.glance { margin-top: 5mm; }
.glance td { padding: 1mm 2mm; }
td.barcell { width: 55%; }
.bar { position: relative; height: 3.2mm; background: #eef2f6; border-radius: 0.6mm; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; background: #2e5c8a; border-radius: 0.6mm; }
.bar .tick { position: absolute; top: -0.8mm; bottom: -0.8mm; width: 0.6mm; margin-left: -0.3mm; background: #dc6803; }
.warnings { margin-top: 5mm; background: #fffaeb; border-left: 3pt solid #dc6803; padding: 3mm 5mm; border-radius: 1mm; }
.warnings ul { margin: 0; padding-left: 4.5mm; }
.warnings h3 { color: #93370d; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; font-weight: bold; color: #344054; background: #eaeef3; padding: 1.6mm 2mm;
  border-bottom: 0.8pt solid #98a2b3; font-size: 8.5pt; }
td { padding: 1.4mm 2mm; border-bottom: 0.5pt solid #e4e7ec; vertical-align: middle; }
tbody tr:nth-child(even) td { background: #f9fafb; }
th.n, td.n { text-align: right; white-space: nowrap; }
td.name { font-weight: bold; color: #102a43; }
td.muted, .muted { color: #667085; }
.up { color: #067647; }
.down { color: #b42318; }
.sig { font-weight: bold; }
.tag { display: inline-block; font-size: 7pt; padding: 0.2mm 1.5mm; border-radius: 3mm; background: #e0eafc;
  color: #1849a9; margin-left: 1.5mm; font-weight: normal; vertical-align: 1pt; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
.note { font-size: 8pt; color: #667085; margin-top: 1.5mm; }
svg.spark { display: block; }
.method p { font-size: 9pt; color: #344054; }
footer.end { font-size: 8pt; color: #667085; border-top: 0.5pt solid #d0d5dd; padding-top: 2mm; }
@media screen { body { padding: 10mm 0; background: #f2f4f7; } main { background: #fff; padding: 12mm 14mm;
  box-shadow: 0 1px 4px rgba(16, 24, 40, 0.12); } .cover { margin-bottom: 10mm; } }
`
