// The demo page: loads the core, validates a customer ID as you type, and
// shows the decisions for sample customers with their reasons.
import { loadCore } from '../index.js';
import { renderDecisions } from './decisions.js';

const input = document.getElementById('customer-id');
const status = document.getElementById('customer-id-status');
const version = document.getElementById('core-version');

function show(text, kind) {
  status.textContent = text;          // text only: never HTML
  status.className = `status ${kind}`;
}

try {
  const core = await loadCore();
  version.textContent = core.version;
  document.body.dataset.coreReady = 'true';
  const check = () => {
    if (input.value === '') {
      input.removeAttribute('aria-invalid');
      show('', '');
      return;
    }
    const result = core.validateConfirmation({ customerId: input.value });
    const error = result.errors.find((e) => e.field === 'customerId');
    if (error) {
      input.setAttribute('aria-invalid', 'true');
      show(error.message, 'error');
      status.dataset.code = error.code;
    } else {
      input.setAttribute('aria-invalid', 'false');
      show(`Valid: ${result.normalized.customerId}`, 'ok');
      status.dataset.code = 'ok';
    }
  };
  input.addEventListener('input', check);
  check();
  const lang = document.getElementById('decision-lang');
  const decisions = document.getElementById('decisions');
  const showDecisions = () => renderDecisions(core, decisions, lang.value);
  lang.addEventListener('change', showDecisions);
  showDecisions();
  document.body.dataset.decisionsReady = 'true';
} catch (error) {
  version.textContent = 'failed to load';
  show(`The core could not be loaded: ${error.message}`, 'error');
}
