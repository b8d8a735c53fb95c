// Myo: the browser's time zone (an IANA name such as "Europe/Berlin") for the sign-up form,
// the tracker's settings and the add-a-child form. The server checks the name against its
// bundled time-zone database and ignores one it does not know; without this script nothing is
// sent and the tracker asks.
(function () {
  'use strict';
  var zone = '';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch (e) {
    zone = '';
  }
  if (!zone) return;
  var field = document.getElementById('signup-tz');
  if (field) {
    field.value = zone;
    var shown = document.getElementById('signup-tz-shown');
    // The page gives the sentence in its own language, with {zone} where the name goes.
    if (shown) shown.textContent = (shown.getAttribute('data-found') || '{zone}').replace('{zone}', zone);
  }
  // Settings, while no zone is saved: offer the browser's zone in the field and say where it
  // came from; nothing is saved until the person presses Save.
  var pick = document.getElementById('tz-name');
  if (pick && pick.hasAttribute('data-unconfirmed')) {
    pick.value = zone;
    var note = document.getElementById('tz-browser');
    // A converted page gives the whole sentence in its language (`data-found`); an older one
    // gives only what to do next (`data-next`).
    var found = note && (note.getAttribute('data-found') ||
      'Your browser says {zone}; it is filled in above. ' +
      (note.getAttribute('data-next') || 'Press Save to confirm it.'));
    if (note) note.textContent = found.replace('{zone}', zone);
  }
})();
