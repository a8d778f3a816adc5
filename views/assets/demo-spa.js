/**
 * The demo's public client (RFC 6749 section 2.1), run entirely in this page: the
 * authorization code flow with PKCE (RFC 7636), then the demo API with the access token,
 * refresh with rotation, and sign-out by revocation (RFC 7009). Plain browser JavaScript:
 * no bundler and no library, only what the browser offers (Web Crypto, fetch, history).
 */

const $ = (id) => document.getElementById(id);
const root = $('spa');
const client = { id: root.dataset.clientId, redirectUri: root.dataset.redirectUri, scope: root.dataset.scope };
const ui = {
  status: $('status'),
  error: $('error'),
  signedOut: $('signed-out'),
  signedIn: $('signed-in'),
  profile: $('profile'),
  tokenInfo: $('token-info'),
  notes: $('notes'),
  noteForm: $('note-form'),
  noteText: $('note-text'),
  result: $('result'),
  signIn: $('sign-in'),
  callApi: $('call-api'),
  refresh: $('refresh'),
  signOut: $('sign-out'),
};

/** What must survive the trip to the authorization server and back: in this tab only, used once. */
const PENDING = 'demo-spa:pending-authorization';

/**
 * The tokens live in this variable and nowhere else: not in localStorage or sessionStorage,
 * which every script running on this origin can read, so that one XSS bug could send a
 * long-lived refresh token away. In memory they leave with the page; a reload means signing
 * in again, which an existing login and a remembered grant make a single redirect.
 */
let tokens = null;
/** True while an action runs: the buttons ignore clicks (they stay focusable, unlike disabled ones). */
let busy = false;

/** An error response (RFC 6749 sections 4.1.2.1 and 5.2, RFC 6750 section 3), by its error code. */
class OAuthError extends Error {
  constructor(code, description) {
    super(description || 'no description');
    this.code = code;
  }
}

let metadataRequest = null;

/** RFC 8414 section 3: the endpoints come from the server's metadata, not from this file. */
function discover() {
  metadataRequest ??= fetch('/.well-known/oauth-authorization-server').then((res) => {
    if (!res.ok) throw new Error(`The authorization server metadata could not be read (HTTP ${res.status}).`);
    return res.json();
  });
  metadataRequest.catch(() => (metadataRequest = null));
  return metadataRequest;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** 256 random bits as 43 base64url characters: a valid code_verifier (RFC 7636 section 4.1) and state. */
function randomValue() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** RFC 7636 section 4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
async function s256(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** RFC 6749 section 4.1.1: remember state and verifier in this tab, then send the browser to the server. */
async function signIn() {
  const server = await discover();
  const state = randomValue();
  const verifier = randomValue();
  const pending = {
    state,
    verifier,
    issuer: server.issuer,
    issRequired: server.authorization_response_iss_parameter_supported === true,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.id,
    redirect_uri: client.redirectUri,
    scope: client.scope,
    state,
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url);
}

/** The pending authorization of this tab, removed as it is read: a response is accepted once. */
function takePending() {
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  try {
    return saved ? JSON.parse(saved) : null;
  } catch {
    return null;
  }
}

/** RFC 6749 section 4.1.2: check the authorization response, then trade the code (section 4.1.3). */
async function completeSignIn(response) {
  const pending = takePending();
  // RFC 6749 section 10.12: a state this tab did not send means the response is not ours (CSRF).
  if (!pending || response.get('state') !== pending.state) {
    throw new Error('This response does not answer a sign-in started in this tab (state mismatch); it was ignored.');
  }
  // RFC 9207 section 2.4: the response must name the server the request went to (mix-up attacks).
  if ((pending.issRequired || response.has('iss')) && response.get('iss') !== pending.issuer) {
    throw new Error('This response names another issuer than the server asked (iss mismatch); it was ignored.');
  }
  if (response.has('error')) throw new OAuthError(response.get('error'), response.get('error_description'));
  const code = response.get('code');
  if (!code) throw new Error('The response carries neither a code nor an error.');
  keepTokens(
    await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: client.redirectUri,
      code_verifier: pending.verifier,
    }),
  );
}

/**
 * A form-encoded POST to a back-channel endpoint. A public client names itself with
 * client_id and has no secret to send (RFC 6749 section 2.3, token_endpoint_auth_method none).
 */
async function backChannel(endpoint, parameters) {
  const res = await fetch(endpoint, {
    method: 'POST',
    credentials: 'omit',
    body: new URLSearchParams({ ...parameters, client_id: client.id }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new OAuthError(body.error ?? 'server_error', body.error_description ?? `HTTP ${res.status}`);
  return body;
}

async function tokenRequest(parameters) {
  return backChannel((await discover()).token_endpoint, parameters);
}

function keepTokens(response) {
  tokens = {
    accessToken: response.access_token,
    // RFC 6749 section 6: without a new refresh token in the answer, the old one stays valid.
    refreshToken: response.refresh_token ?? tokens?.refreshToken ?? null,
    scope: response.scope,
    expiresAt: new Date(Date.now() + response.expires_in * 1000),
  };
  ui.tokenInfo.textContent =
    `Scope: ${tokens.scope}. The access token is valid until ${tokens.expiresAt.toLocaleTimeString()}` +
    (tokens.refreshToken ? '; Refresh gets a new one.' : '.');
}

function forgetTokens() {
  tokens = null;
  ui.profile.replaceChildren();
  ui.notes.replaceChildren();
  ui.result.textContent = '';
}

/** RFC 6750 section 2.1: the access token goes in the Authorization header, never in a URL. */
async function callApi(method, path, json) {
  const headers = { authorization: `Bearer ${tokens.accessToken}` };
  if (json) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'omit',
    body: json ? JSON.stringify(json) : undefined,
  });
  const body = await res.json().catch(() => null);
  ui.result.textContent += `${method} ${path}: HTTP ${res.status}\n${JSON.stringify(body, null, 2)}\n`;
  if (!res.ok) throw new OAuthError(body?.error ?? `HTTP ${res.status}`, body?.error_description);
  return body;
}

/** Call API: the profile (scope profile) and the notes (scope notes:read). */
async function loadAccount() {
  ui.result.textContent = '';
  const profile = await callApi('GET', '/api/profile');
  showProfile(profile);
  showNotes((await callApi('GET', '/api/notes')).notes);
  return profile;
}

async function addNote() {
  ui.result.textContent = '';
  await callApi('POST', '/api/notes', { text: ui.noteText.value });
  ui.noteText.value = '';
  showNotes((await callApi('GET', '/api/notes')).notes);
}

/** RFC 6749 section 6; the server rotates: the old refresh token stops working now. */
async function refresh() {
  try {
    keepTokens(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken }));
  } catch (error) {
    // The grant is gone (revoked, expired, or the token was reused): nothing left to use.
    if (error instanceof OAuthError && error.code === 'invalid_grant') forgetTokens();
    throw error;
  }
}

/** RFC 7009: revoking the refresh token ends the whole grant's tokens, this access token included. */
async function signOut() {
  const { refreshToken, accessToken } = tokens;
  // Forgotten first: whatever the server answers, this page holds no token any more.
  forgetTokens();
  const server = await discover();
  await backChannel(server.revocation_endpoint, {
    token: refreshToken ?? accessToken,
    token_type_hint: refreshToken ? 'refresh_token' : 'access_token',
  });
}

/** Text only, never HTML: names, notes and error descriptions come from outside this page. */
function showProfile(profile) {
  const rows = [
    ['Username', profile.username],
    ['Name', profile.name],
    ['Email', profile.email],
    ['Subject (sub)', profile.sub],
  ];
  ui.profile.replaceChildren(
    ...rows.flatMap(([term, value]) => [element('dt', term), element('dd', value ?? '(not set)')]),
  );
}

function showNotes(notes) {
  if (notes.length === 0) {
    ui.notes.replaceChildren(element('li', 'No notes yet.'));
    return;
  }
  ui.notes.replaceChildren(
    ...notes.map((note) => {
      const time = element('time', new Date(note.created_at).toLocaleString());
      time.dateTime = note.created_at;
      const item = element('li', note.text);
      item.append(' ', time);
      return item;
    }),
  );
}

function element(name, text) {
  const node = document.createElement(name);
  node.textContent = text;
  return node;
}

function showError(error) {
  ui.error.replaceChildren();
  if (!error) return;
  if (error instanceof OAuthError) ui.error.append(element('code', error.code), `: ${error.message}`);
  else ui.error.textContent = error.message;
}

/** Shows the signed-in or signed-out part; focus never stays on a control that was just hidden. */
function render() {
  const focusWasInside = ui.signedIn.contains(document.activeElement);
  ui.signedIn.hidden = tokens === null;
  ui.signedOut.hidden = tokens !== null;
  if (tokens === null && focusWasInside) ui.signIn.focus();
}

/** One user action: others wait until it ends; its progress and outcome go to the live region. */
async function act(working, action) {
  if (busy) return;
  busy = true;
  root.setAttribute('aria-busy', 'true');
  showError(null);
  ui.status.textContent = working;
  try {
    ui.status.textContent = await action();
  } catch (error) {
    ui.status.textContent = '';
    showError(error);
  } finally {
    busy = false;
    root.removeAttribute('aria-busy');
    render();
  }
}

ui.signIn.addEventListener('click', () =>
  act('Going to the authorization server…', async () => {
    await signIn();
    return 'Going to the authorization server…';
  }),
);
ui.callApi.addEventListener('click', () =>
  act('Calling the API…', async () => {
    await loadAccount();
    return 'Profile and notes loaded.';
  }),
);
ui.refresh.addEventListener('click', () =>
  act('Refreshing the tokens…', async () => {
    await refresh();
    return 'New tokens received; the previous refresh token no longer works.';
  }),
);
ui.signOut.addEventListener('click', () =>
  act('Signing out…', async () => {
    await signOut();
    return 'Signed out: the tokens are revoked. You are still logged in at the authorization server (see /account).';
  }),
);
ui.noteForm.addEventListener('submit', (event) => {
  event.preventDefault();
  act('Saving the note…', async () => {
    await addNote();
    return 'Note added.';
  });
});

async function start() {
  // Web Crypto's digest exists only in secure contexts: https, or http on localhost.
  if (!window.isSecureContext || !crypto.subtle) {
    showError(new Error('PKCE needs Web Crypto, which browsers offer only over https or on localhost.'));
    ui.signIn.setAttribute('aria-disabled', 'true');
    busy = true;
    return;
  }
  const response = new URLSearchParams(location.search);
  if (!response.has('code') && !response.has('error')) return;
  // Out of the address bar and the history at once, before anything else can fail: a code
  // left there could be bookmarked, shared or replayed from the history (RFC 9700 section 4.3.1).
  history.replaceState(null, '', location.pathname);
  await act('Completing the sign-in…', async () => {
    await completeSignIn(response);
    const profile = await loadAccount();
    return `Signed in as ${profile.username}.`;
  });
}

start();
