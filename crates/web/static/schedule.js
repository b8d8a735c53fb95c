// Myo: the medicine form shows only the fields its schedule kind needs ("How often": daily,
// several times a day, weekly on a day, every N weeks, listed dates, a taper). Each field lists
// its kinds in `data-kinds`; the others are hidden and disabled, so a value typed before the
// kind changed is not sent. Without this script every field shows, and the server refuses a
// field filled in for another kind rather than use or drop it silently.
(function () {
  'use strict';
  var kind = document.getElementById('med-kind');
  if (!kind) return;
  var fields = document.querySelectorAll('[data-kinds]');
  function update() {
    var chosen = kind.value;
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var on = field.getAttribute('data-kinds').split(' ').indexOf(chosen) !== -1;
      field.hidden = !on;
      var inputs = field.querySelectorAll('input, select, textarea');
      for (var j = 0; j < inputs.length; j++) inputs[j].disabled = !on;
    }
  }
  kind.addEventListener('change', update);
  update();
})();
