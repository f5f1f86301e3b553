// As-you-type suggestions for the search box: fills the <datalist> from /vorschlaege.
// Progressive enhancement only: the form works the same without JavaScript.
(function () {
  var input = document.getElementById("q");
  var list = document.getElementById("vorschlaege");
  if (!input || !list || !window.fetch) return;
  var timer = null, last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var value = input.value.trim();
      if (value.length < 2 || value === last) return;
      last = value;
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(value))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (titles) {
          list.textContent = "";
          titles.forEach(function (title) {
            var option = document.createElement("option");
            option.value = title;  // text, never HTML
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
