// The main page: who is logged in, the runs, starting a run (operator, admin) and the users (admin).
// Every state-changing request sends the session's CSRF token (GET /api/session) in its header.
let session;

async function api(method, path, body) {
  const headers = {[session.csrf.headerName]: session.csrf.token};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  if (response.status === 401) {
    location.replace('login.html');
    throw new Error('not logged in');
  }
  const json = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(json && json.detail ? json.detail : 'HTTP ' + response.status);
  return json;
}

function showError(e) {
  document.getElementById('error').textContent = e.message;
}

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

async function loadRuns() {
  const runs = await api('GET', 'api/runs');
  const body = document.getElementById('runs');
  body.replaceChildren(...runs.map(run => {
    const tr = document.createElement('tr');
    cell(tr, run.id);
    cell(tr, run.createdAt);
    cell(tr, run.status, run.status);
    cell(tr, run.failure || run.outcome || '');
    return tr;
  }));
  if (!runs.length) body.innerHTML = '<tr><td colspan="4">no runs yet</td></tr>';
}

function showPassword(user) {
  const shown = document.getElementById('password');
  shown.textContent = `password of ${user.name} (${user.role}), shown only now: ${user.password}`;
  shown.hidden = false;
}

async function loadUsers() {
  const users = await api('GET', 'api/users');
  document.getElementById('user-rows').replaceChildren(...users.map(user => {
    const tr = document.createElement('tr');
    cell(tr, user.name);
    cell(tr, user.role);
    cell(tr, user.passwordChangedAt);
    const actions = cell(tr, '');
    for (const [label, action] of [
      ['Reset password', async () => showPassword(await api('POST', `api/users/${encodeURIComponent(user.name)}/password`))],
      ['Remove', async () => { if (confirm(`Remove ${user.name}?`)) await api('DELETE', `api/users/${encodeURIComponent(user.name)}`); }]]) {
      const button = document.createElement('button');
      button.textContent = label;
      button.addEventListener('click', () => action().then(loadUsers).catch(showError));
      actions.appendChild(button);
    }
    return tr;
  }));
}

document.getElementById('logout').addEventListener('click', () =>
  api('POST', 'logout').then(() => location.replace('login.html')).catch(showError));

document.getElementById('start').addEventListener('submit', event => {
  event.preventDefault();
  const form = new FormData(event.target);
  api('POST', 'api/runs', {analysts: Number(form.get('analysts')), rounds: Number(form.get('rounds')),
                           cloudMode: form.get('cloudMode')})
    .then(loadRuns).catch(showError);
});

document.getElementById('add-user').addEventListener('submit', event => {
  event.preventDefault();
  const form = new FormData(event.target);
  api('POST', 'api/users', {name: form.get('name'), role: form.get('role')})
    .then(user => { showPassword(user); event.target.reset(); return loadUsers(); }).catch(showError);
});

(async () => {
  const response = await fetch('api/session');
  if (!response.ok) {
    location.replace('login.html');
    return;
  }
  session = await response.json();
  document.getElementById('who').textContent = `${session.name} (${session.role})`;
  document.getElementById('start').hidden = session.role === 'viewer';
  document.getElementById('users').hidden = session.role !== 'admin';
  await loadRuns();
  if (session.role === 'admin') await loadUsers();
})().catch(showError);
