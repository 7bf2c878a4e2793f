// The large-text mode of Bangban's pages (the help widget, the helper console, the supervisor dashboard): one
// choice for all of them in this browser, kept in localStorage ("bangban.large"). Plain ES module, no dependencies.

const STORE_KEY = 'bangban.large';

/** True when large text was chosen (false when storage is blocked: the default look). */
export function largeTextChosen() {
  try {
    return localStorage.getItem(STORE_KEY) === '1';
  } catch (e) {
    return false;
  }
}

export function rememberLargeText(on) {
  try {
    localStorage.setItem(STORE_KEY, on ? '1' : '0');
  } catch (e) {
    // not kept: the page still switches
  }
}

/**
 * Wires a page's large-text button: the page (its html element's bb-large class) and the button's aria-pressed
 * start from the kept choice, and a click switches and keeps it.
 */
export function wireLargeTextButton(button) {
  const apply = (on) => {
    document.documentElement.classList.toggle('bb-large', on);
    button.setAttribute('aria-pressed', String(on));
  };
  apply(largeTextChosen());
  button.addEventListener('click', () => {
    const on = !document.documentElement.classList.contains('bb-large');
    rememberLargeText(on);
    apply(on);
  });
}
