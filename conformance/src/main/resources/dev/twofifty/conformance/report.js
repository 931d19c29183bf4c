// TwoFifty conformance report: filters and click-through to evidence. The page is complete without
// this script; it only hides rows and clones the evidence templates (never parses report text as HTML).
(() => {
  'use strict';
  const matrix = document.getElementById('matrix');
  const phaseFilter = document.getElementById('phase-filter');
  const verdictBoxes = [...document.querySelectorAll('#filters input[name=verdict]')];
  const differ = document.getElementById('differ-filter');
  const status = document.getElementById('status');
  const detail = document.getElementById('detail');
  const detailBody = document.getElementById('detail-body');
  const rows = [...matrix.querySelectorAll('tr.row')];
  const totalCases = rows.filter((row) => row.classList.contains('case')).length;
  const totalInvariants = rows.length - totalCases;

  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function applyFilters() {
    const phase = phaseFilter.value;
    const verdicts = new Set(verdictBoxes.filter((box) => box.checked).map((box) => box.value));
    let cases = 0;
    let invariants = 0;
    for (const row of rows) {
      const shown = [...row.querySelectorAll('td.cell')].map((cell) => cell.dataset.verdict).filter(Boolean);
      const visible = (!phase || row.dataset.phase === phase)
        && shown.some((verdict) => verdicts.has(verdict))
        && (!differ || !differ.checked || new Set(shown).size > 1 || shown.length < row.querySelectorAll('td.cell').length);
      row.hidden = !visible;
      if (visible) {
        if (row.classList.contains('case')) cases++; else invariants++;
      }
    }
    for (const group of matrix.tBodies) {
      group.hidden = ![...group.querySelectorAll('tr.row')].some((row) => !row.hidden);
    }
    status.textContent = `Showing ${cases} of ${plural(totalCases, 'case', 'cases')}`
      + ` and ${invariants} of ${plural(totalInvariants, 'invariant', 'invariants')}`;
  }

  function setHash(hash) {
    try {
      history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
    } catch (e) {
      // Some file:// contexts refuse history changes; the panel works without them.
    }
  }

  function show(id) {
    const template = document.getElementById(id);
    if (!template || template.tagName !== 'TEMPLATE') return false;
    detailBody.replaceChildren(template.content.cloneNode(true));
    for (const cell of matrix.querySelectorAll('td.selected')) cell.classList.remove('selected');
    const button = matrix.querySelector(`button[data-detail="${CSS.escape(id)}"]`);
    if (button) button.closest('td').classList.add('selected');
    detail.hidden = false;
    detail.scrollTop = 0;
    detail.focus({ preventScroll: true });
    setHash(id);
    return true;
  }

  function hide() {
    detail.hidden = true;
    detailBody.replaceChildren();
    for (const cell of matrix.querySelectorAll('td.selected')) cell.classList.remove('selected');
    setHash('');
  }

  matrix.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-detail]');
    if (button) show(button.dataset.detail);
  });
  document.getElementById('detail-close').addEventListener('click', hide);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !detail.hidden) hide();
  });
  phaseFilter.addEventListener('change', applyFilters);
  verdictBoxes.forEach((box) => box.addEventListener('change', applyFilters));
  if (differ) differ.addEventListener('change', applyFilters);

  applyFilters();
  if (location.hash.length > 1) show(decodeURIComponent(location.hash.slice(1)));
})();
