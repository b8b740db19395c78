// Logs in with POST /login (form fields and the CSRF token of GET /login/csrf), then opens the main page.
document.getElementById('login').addEventListener('submit', async event => {
  event.preventDefault();
  const error = document.getElementById('error');
  error.textContent = '';
  try {
    const csrf = await (await fetch('login/csrf')).json();
    const response = await fetch('login', {
      method: 'POST',
      headers: {[csrf.headerName]: csrf.token},
      body: new URLSearchParams(new FormData(event.target))
    });
    if (response.ok) {
      location.replace('./');
    } else {
      error.textContent = (await response.json()).detail || ('login failed: HTTP ' + response.status);
    }
  } catch (e) {
    error.textContent = 'login failed: ' + e.message;
  }
});
