// The element's styles: one constructable stylesheet shared by every
// instance (adoptedStyleSheets: allowed under style-src 'self', no inline
// style attributes). Themed through CSS custom properties and ::part();
// its own rules select by class (parts are the theming API of the page).
const CSS = `
:host {
  display: block;
  font-family: var(--mca-font, system-ui, sans-serif);
  color: var(--mca-color, #1b1b1f);
  background: var(--mca-background, #fff);
  border: 1px solid var(--mca-border-color, #c8c8cc);
  border-radius: var(--mca-radius, 8px);
  padding: var(--mca-spacing, 1rem);
  line-height: 1.4;
}
:host([hidden]), [hidden] { display: none !important; }
* { box-sizing: border-box; }
h2 { font-size: 1.15rem; margin: 0 0 0.25rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
p { margin: 0.4rem 0; }
.muted { color: var(--mca-muted-color, #55555c); font-size: 0.9rem; }
.mono { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.4rem 0; }
dt { color: var(--mca-muted-color, #55555c); }
dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
ul { margin: 0.2rem 0; padding-left: 1.2rem; }
.decision[data-status="needs-attestation"] .action { color: var(--mca-accent, #0f5cc0); }
.decision[data-status="cannot-attest"] .action { color: var(--mca-error-color, #a4001c); }
.action { font-weight: 600; }
form { display: grid; gap: 0.7rem; margin-top: 0.6rem; }
.field { display: grid; gap: 0.2rem; }
label { font-weight: 600; }
label .hint { font-weight: 400; color: var(--mca-muted-color, #55555c); }
input {
  font: inherit; padding: 0.45rem 0.55rem; width: 100%;
  border: 1px solid var(--mca-input-border-color, #77777d); border-radius: calc(var(--mca-radius, 8px) / 2);
  background: var(--mca-input-background, #fff); color: inherit;
}
input[aria-invalid="true"] { border-color: var(--mca-error-color, #a4001c); border-width: 2px; }
:focus-visible { outline: 3px solid var(--mca-focus-color, #0f5cc0); outline-offset: 2px; }
.field-error { color: var(--mca-error-color, #a4001c); font-size: 0.9rem; margin: 0; }
.field-error:empty { display: none; }
.actions { display: flex; gap: 0.6rem; flex-wrap: wrap; align-items: center; margin-top: 0.4rem; }
button, a.button {
  font: inherit; padding: 0.45rem 0.9rem; border-radius: calc(var(--mca-radius, 8px) / 2); cursor: pointer;
  border: 1px solid var(--mca-accent, #0f5cc0); background: var(--mca-background, #fff); color: var(--mca-accent, #0f5cc0);
  text-decoration: none; display: inline-block;
}
button.primary { background: var(--mca-accent, #0f5cc0); color: var(--mca-accent-contrast, #fff); }
button[aria-disabled="true"] { opacity: 0.6; cursor: progress; }
.status { min-height: 1.4em; margin: 0.5rem 0 0; }
.error {
  border-left: 4px solid var(--mca-error-color, #a4001c); padding: 0.4rem 0.8rem; margin: 0.8rem 0;
  background: var(--mca-error-background, #fff4f5);
}
.result {
  border-left: 4px solid var(--mca-success-color, #1e6b2f); padding: 0.4rem 0.8rem; margin: 0.8rem 0;
  background: var(--mca-success-background, #f1f8f2);
}
.acceptance { border-top: 1px solid var(--mca-border-color, #c8c8cc); margin-top: 0.8rem; padding-top: 0.4rem; }
.qr svg { display: block; width: var(--mca-qr-size, 180px); height: auto; margin: 0.5rem 0; }
fieldset { border: 1px solid var(--mca-border-color, #c8c8cc); border-radius: calc(var(--mca-radius, 8px) / 2); margin: 0.6rem 0; padding: 0.4rem 0.8rem; }
legend { font-weight: 600; padding: 0 0.3rem; }
.choice { display: flex; gap: 0.5rem; align-items: center; margin: 0.2rem 0; }
.choice input { width: auto; }
.choice label { font-weight: 400; }
.drop-zone {
  border: 2px dashed var(--mca-border-color, #c8c8cc); border-radius: var(--mca-radius, 8px); padding: 1rem;
  text-align: center; color: var(--mca-muted-color, #55555c); margin: 0.6rem 0;
}
.drop-zone.active { border-color: var(--mca-accent, #0f5cc0); color: var(--mca-accent, #0f5cc0); background: var(--mca-drop-background, #eef4fc); }
table { border-collapse: collapse; margin: 0.5rem 0; width: 100%; }
caption { text-align: left; font-weight: 600; margin-bottom: 0.2rem; }
th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid var(--mca-border-color, #c8c8cc); vertical-align: top; }
thead th { font-size: 0.9rem; }
.counts { width: auto; min-width: 16rem; }
.counts td { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { max-height: 24rem; overflow: auto; }
tr[aria-current="true"] { background: var(--mca-selected-background, #e8f0fc); }
progress { width: 100%; height: 1.2rem; accent-color: var(--mca-accent, #0f5cc0); }
.problems li { margin: 0.15rem 0; }
figure { margin: 0.5rem 0; }
.busy::before {
  content: ""; display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; vertical-align: -0.1em;
  border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: spin 0.9s linear infinite;
}
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .busy::before { animation: none; } }
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/** The shared stylesheet (created on first use, so importing needs no DOM). */
export function elementStyles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
