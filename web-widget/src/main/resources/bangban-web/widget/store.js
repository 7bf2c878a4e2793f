// What the widget keeps in this tab (sessionStorage, so it survives a reload and the portal's other pages but not
// another tab): the server's session token and where the applicant stands. Nothing personal beyond what the
// applicant typed into the request and the chat of the live session.

const CHAT_KEPT = 200;

export function freshState() {
  return {
    step: 'start', token: null, principalId: null, panelOpen: false,
    itemId: null, kind: null, description: '', green: null,
    requestId: null, queue: null, sessionId: null, caseNumber: null, helperName: null,
    callback: null, chat: [], rated: null, transferring: false,
  };
}

export function loadState(key) {
  try {
    const s = JSON.parse(sessionStorage.getItem(key) || 'null');
    if (s && typeof s === 'object') return Object.assign(freshState(), s);
  } catch (e) {
    // unreadable or blocked storage: start afresh
  }
  return freshState();
}

export function saveState(key, state) {
  try {
    if (state.chat.length > CHAT_KEPT) state.chat = state.chat.slice(-CHAT_KEPT);
    sessionStorage.setItem(key, JSON.stringify(state));
  } catch (e) {
    // storage blocked: the widget works, a reload starts afresh
  }
}

/** A new request starts from here: the identity (token) stays, the rest goes. */
export function resetState(state) {
  const keep = { token: state.token, principalId: state.principalId, panelOpen: state.panelOpen };
  return Object.assign(freshState(), keep);
}
