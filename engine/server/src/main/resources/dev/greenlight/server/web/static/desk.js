// Greenlight review desk: the little behaviour the pages need. Served from the jar; no inline
// script anywhere (the CSP forbids it), so everything the script needs is in data- attributes.
(function () {
  'use strict';
  var token = document.querySelector('meta[name="csrf-token"]');
  token = token ? token.getAttribute('content') : '';

  // Reveal / hide a blurred media item; the button says what it will do and aria-pressed says the state.
  document.querySelectorAll('button[data-reveal]').forEach(function (b) {
    b.addEventListener('click', function () {
      var frame = document.getElementById(b.getAttribute('data-reveal'));
      var hidden = frame.classList.toggle('blurred');
      b.setAttribute('aria-pressed', hidden ? 'false' : 'true');
      b.textContent = hidden ? 'Reveal' : 'Blur again';
    });
  });

  // Grayscale for every media item on the page, remembered for this browser tab.
  var gray = document.getElementById('grayscale');
  if (gray) {
    var apply = function () {
      document.querySelectorAll('.media-frame').forEach(function (f) { f.classList.toggle('gray', gray.checked); });
      try { sessionStorage.setItem('desk.gray', gray.checked ? '1' : '0'); } catch (e) { /* storage off: fine */ }
    };
    try { if (sessionStorage.getItem('desk.gray') === '1') { gray.checked = true; } } catch (e) { /* ignore */ }
    gray.addEventListener('change', apply);
    apply();
  }

  // Keeps the claim while the case page is open: renews the lease every minute.
  var renew = document.querySelector('[data-renew]');
  if (renew) {
    var url = renew.getAttribute('data-renew');
    var status = document.getElementById('lease-status');
    setInterval(function () {
      fetch(url, { method: 'POST', headers: { 'X-CSRF-Token': token }, credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok && status) { status.textContent = 'Your claim on this case could not be renewed (' + r.status + '); reload the page.'; }
        })
        .catch(function () { if (status) { status.textContent = 'The server could not be reached to renew your claim.'; } });
    }, 60000);
  }

  // Decision shortcuts: a / r / e pick a verdict (outside text fields), Ctrl+Enter decides and takes the next case.
  var form = document.getElementById('decide-form');
  if (form) {
    document.addEventListener('keydown', function (ev) {
      var t = ev.target;
      var typing = t && (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || (t.tagName === 'INPUT' && t.type === 'text'));
      if ((ev.ctrlKey || ev.metaKey) && ev.key === 'Enter') {
        ev.preventDefault();
        var next = document.getElementById('decide-next');
        if (form.requestSubmit) { form.requestSubmit(next); } else { next.click(); }
        return;
      }
      if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      var key = ev.key.toLowerCase();
      var radio = form.querySelector('input[name="verdict"][data-key="' + key + '"]');
      if (radio) {
        ev.preventDefault();
        radio.checked = true;
        radio.focus();
      }
    });
  }
}());
