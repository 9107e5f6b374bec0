// The attestation form: fields of the chosen flow, inline errors from the
// core's validators (translated by code), busy state and cancel. It knows
// no rule: validate(values) is the core's validateConfirmation or
// validateAttestation, called by the element.
import { label, translate } from '../i18n/index.js';
import { h, uniqueId } from './dom.js';

/** The fields of each flow, in order. `auto`: the autocomplete token. */
export const FIELDS = Object.freeze({
  classic: Object.freeze([
    { name: 'firstName', auto: 'given-name' }, { name: 'lastName', auto: 'family-name' },
    { name: 'email', auto: 'email', inputmode: 'email' },
    { name: 'phoneNumber', auto: 'tel', inputmode: 'tel', optional: true },
    { name: 'country', auto: 'country', optional: true, size: 'short' },
    { name: 'dateAgreed', auto: 'off' },
  ]),
  enhanced: Object.freeze([
    { name: 'companyName', auto: 'organization' }, { name: 'country', auto: 'country', size: 'short' },
    { name: 'language', auto: 'off', size: 'short' },
    { name: 'signatoryFirstName', auto: 'given-name' }, { name: 'signatoryLastName', auto: 'family-name' },
    { name: 'signatoryEmail', auto: 'email', inputmode: 'email' },
    { name: 'signatoryPhoneNumber', auto: 'tel', inputmode: 'tel', optional: true },
  ]),
});

/**
 * Builds the form.
 * @param {{ flow: 'classic'|'enhanced', lang: string, values: Record<string,string>,
 *   validate: (values: Record<string,string>) => { errors: {field:string, code:string, message:string}[] },
 *   onSubmit: (values: Record<string,string>) => void, onCancel: () => void }} options
 */
export function createForm({ flow, lang, values, validate, onSubmit, onCancel }) {
  const fields = FIELDS[flow];
  const touched = new Set();
  const controls = new Map();
  let busy = false;

  const form = h('form', { part: 'form', novalidate: true, 'aria-label': label(lang, flow === 'classic' ? 'flowClassic' : 'flowEnhanced') });
  for (const field of fields) {
    const id = uniqueId(`mca-${field.name}`);
    const errorId = `${id}-error`;
    const input = h('input', { id, name: field.name, part: `input input-${field.name}`, autocomplete: field.auto,
      inputmode: field.inputmode, spellcheck: 'false', 'aria-required': field.optional ? 'false' : 'true',
      'aria-invalid': 'false', 'aria-describedby': errorId });
    input.value = values[field.name] ?? '';
    const error = h('p', { id: errorId, part: 'field-error', class: 'field-error' });
    const labelNode = h('label', { for: id, part: 'label' }, label(lang, `field.${field.name}`), ' ',
      h('span', { class: 'hint' }, `(${label(lang, field.optional ? 'optional' : 'required')})`));
    form.append(h('div', { class: `field ${field.size ?? ''}`.trim(), part: `field field-${field.name}` }, labelNode, input, error));
    controls.set(field.name, { input, error });
    input.addEventListener('input', () => { touched.add(field.name); check(); });
    input.addEventListener('change', () => { touched.add(field.name); check(); });
  }
  const submit = h('button', { type: 'submit', class: 'primary submit', part: 'submit' },
    label(lang, flow === 'classic' ? 'submitClassic' : 'submitEnhanced'));
  const cancel = h('button', { type: 'button', part: 'cancel', class: 'cancel', hidden: true }, label(lang, 'cancel'));
  form.append(h('div', { class: 'actions' }, submit, cancel));
  cancel.addEventListener('click', () => onCancel());

  const current = () => Object.fromEntries([...controls].map(([name, c]) => [name, c.input.value]));

  /** Shows the errors of touched fields (all of them after a submit), clears the rest. */
  function show(errors) {
    const byField = new Map();
    for (const e of errors) if (controls.has(e.field) && !byField.has(e.field)) byField.set(e.field, e);
    for (const [name, { input, error }] of controls) {
      const e = touched.has(name) ? byField.get(name) : undefined;
      input.setAttribute('aria-invalid', e ? 'true' : 'false');
      error.textContent = e ? translate(e.code, lang, e.message) : '';
      if (e) error.dataset.code = e.code; else delete error.dataset.code;
    }
    return fields.filter((f) => touched.has(f.name) && byField.has(f.name)).map((f) => f.name);
  }

  function check() {
    return show(validate(current()).errors);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    for (const f of fields) touched.add(f.name);
    const invalid = check();
    if (invalid.length) {
      controls.get(invalid[0]).input.focus();
      form.dispatchEvent(new CustomEvent('mca-invalid', { detail: { count: invalid.length } }));
      return;
    }
    onSubmit(current());
  });

  return {
    node: form,
    values: current,
    check,
    /** Busy: the submit stays focusable but inert (aria-disabled), inputs read-only, cancel shown. */
    setBusy(on) {
      busy = on;
      form.setAttribute('aria-busy', on ? 'true' : 'false');
      submit.setAttribute('aria-disabled', on ? 'true' : 'false');
      submit.classList.toggle('busy', on);
      for (const { input } of controls.values()) input.readOnly = on;
      const hadFocus = submit.matches(':focus');
      cancel.hidden = !on;
      if (on && hadFocus) cancel.focus();
      if (!on && cancel.matches(':focus')) submit.focus();
    },
    focus() { controls.values().next().value?.input.focus(); },
    /** Names the submit `text` (null: the flow's own name), described by the node `describedBy` (an id) or nothing. */
    setSubmitLabel(text, describedBy) {
      submit.textContent = text ?? label(lang, flow === 'classic' ? 'submitClassic' : 'submitEnhanced');
      if (describedBy) submit.setAttribute('aria-describedby', describedBy); else submit.removeAttribute('aria-describedby');
    },
  };
}
