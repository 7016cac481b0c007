/**
 * Print-first stylesheet of the rendered report: A4, serif body, sober tables. No page break
 * is forced: headings stay with what follows them and each table stays with its notes
 * (`.keep`), so the layout holds whatever the fonts and the length of the tables.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
* { box-sizing: border-box; }
body { font-family: 'Liberation Serif', 'DejaVu Serif', Georgia, serif; color: #1d2530; font-size: 10.5pt; line-height: 1.4; margin: 0; }
main { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
@media print { main { padding: 0; max-width: none; } }
h1, h2, h3, .kpi, table, .banner, .meta, figcaption, .footnote { font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; }
.banner { border: 1.5px solid #a23b3b; color: #a23b3b; text-align: center; font-size: 8.5pt; letter-spacing: .08em; font-weight: bold; padding: 2mm; text-transform: uppercase; }
header.title { border-bottom: 3px solid #1f3a5f; padding: 6mm 0 4mm; margin-bottom: 5mm; }
header.title .org { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 9pt; color: #5a6472; letter-spacing: .04em; text-transform: uppercase; }
h1 { font-size: 22pt; color: #1f3a5f; margin: 2mm 0 1mm; }
.subtitle { font-size: 12pt; color: #39465a; }
h2 { font-size: 13.5pt; color: #1f3a5f; border-bottom: 1px solid #c9d3df; padding-bottom: 1.5mm; margin: 8mm 0 3mm; break-after: avoid; }
h3 { font-size: 11pt; color: #2b3a4f; margin: 5mm 0 2mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 8.8pt; margin: 2mm 0 3mm; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; background: #eef1f5; color: #2b3a4f; font-weight: bold; border-bottom: 1.2px solid #1f3a5f; padding: 1.4mm 2mm; }
td { border-bottom: 0.5px solid #d5dbe3; padding: 1.2mm 2mm; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.agenda-reason { min-width: 11em; }
td.sup { color: #6b7482; font-style: italic; text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1px solid #1f3a5f; }
.meta { width: 100%; font-size: 8.6pt; }
.meta th { width: 30%; background: none; border-bottom: 0.5px solid #d5dbe3; font-weight: normal; color: #5a6472; }
.meta td { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; word-break: break-all; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 3mm 0; }
.kpi { border: 1px solid #c9d3df; border-top: 3px solid #1f3a5f; padding: 2.5mm 3mm; }
.kpi .v { font-size: 16pt; font-weight: bold; color: #1f3a5f; }
.kpi .l { font-size: 8pt; color: #5a6472; text-transform: uppercase; letter-spacing: .03em; }
.kpi .d { font-size: 8pt; color: #39465a; }
figure { margin: 3mm 0 4mm; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #5a6472; margin-top: 1mm; }
.signed { color: #2f6b45; font-weight: bold; }
.pending { color: #a26b00; font-weight: bold; }
.footnote { font-size: 8pt; color: #5a6472; }
.mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; }
.methodology li { margin-bottom: 1.5mm; }
.keep { break-inside: avoid; }
p { orphans: 3; widows: 3; }
p.lead { break-after: avoid; }
.methodology li { break-inside: avoid; }
footer.generated { break-before: avoid; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; align-items: start; }
footer.generated { margin-top: 8mm; border-top: 1px solid #c9d3df; padding-top: 2mm; font-size: 8pt; color: #5a6472; font-family: 'Liberation Sans', Arial, sans-serif; }
`;
