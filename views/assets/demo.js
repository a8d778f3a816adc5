// The demo client's one script, and only a convenience: it counts down the access token's
// lifetime next to its expiry time. The page says the same without it.
const countdowns = document.querySelectorAll('[data-expires-at]');

function describe(milliseconds) {
  if (milliseconds <= 0) return '(expired: the API now refuses it)';
  const seconds = Math.ceil(milliseconds / 1000);
  const minutes = Math.floor(seconds / 60);
  return `(in ${minutes > 0 ? `${minutes} min ` : ''}${seconds % 60} s)`;
}

function update() {
  for (const element of countdowns) {
    element.textContent = describe(Number(element.dataset.expiresAt) - Date.now());
  }
}

if (countdowns.length > 0) {
  update();
  setInterval(update, 1000);
}
