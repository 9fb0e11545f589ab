// A PDF's pages as printed, each with a box over every fact and every flagged number where the
// engine read it (the spans' bbox: PDF points from the top left of the page as shown). Drawn in
// the auditor's browser by pdf.js (Debian's libjs-pdf, which `baocao serve` serves from
// /vendor/pdfjs/): the server renders nothing, and a page is drawn only when it scrolls near.
// Uses app.js's helpers (h, api) and document.js's selectFlag.
'use strict';

const PDFJS = 'vendor/pdfjs/';
let pdfjsLoading = null;

// pdf.js, loaded once on first use.
function loadPdfJs() {
  if (!pdfjsLoading) {
    pdfjsLoading = new Promise((resolve, reject) => {
      const script = h('script', {src: PDFJS + 'build/pdf.js'});
      script.onload = () => {
        if (!window.pdfjsLib) return reject(new Error('pdf.js did not load'));
        window.pdfjsLib.GlobalWorkerOptions.workerSrc = PDFJS + 'build/pdf.worker.js';
        resolve(window.pdfjsLib);
      };
      script.onerror = () => { pdfjsLoading = null; reject(new Error('pdf.js is not installed on the server')); };
      document.head.append(script);
    });
  }
  return pdfjsLoading;
}

// The pages of document `id` into `container`, with the boxes of `marks` (document.js: facts
// and flags' evidence, each with page and bbox). Resolves once the document is open; the pages
// draw as they come into view.
async function renderPageImages(container, id, marks, x) {
  container.replaceChildren(h('p', {class: 'muted'}, 'Đang mở trang gốc…'));
  const lib = await loadPdfJs();
  const data = new Uint8Array(await (await api(`api/documents/${id}/source`)).arrayBuffer());
  const pdf = await lib.getDocument({data, isEvalSupported: false, cMapUrl: PDFJS + 'web/cmaps/', cMapPacked: true,
                                     standardFontDataUrl: PDFJS + 'web/standard_fonts/'}).promise;
  const boxed = marks.filter(m => Array.isArray(m.bbox) && m.page);
  container.replaceChildren(h('p', {class: 'legend'},
    h('span', {class: 'box-key fact'}, 'số liệu đã nhận diện'), ' ', h('span', {class: 'box-key flagged'}, 'số liệu có phát hiện'),
    boxed.length ? null : h('span', {class: 'muted'}, ' · Tài liệu này được lưu khi chưa ghi vị trí trên trang: chỉ có ảnh trang.')));
  const observer = new IntersectionObserver(entries => {
    for (const e of entries) {
      if (!e.isIntersecting || e.target.dataset.drawn) continue;
      e.target.dataset.drawn = '1';
      observer.unobserve(e.target);
      drawPage(pdf, e.target).catch(err => e.target.append(h('p', {class: 'error-text'}, 'Không vẽ được trang: ' + err.message)));
    }
  }, {rootMargin: '600px 0px'});
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const size = page.getViewport({scale: 1});   // points, rotation applied: the page as shown
    const figure = h('figure', {class: 'page-image', 'data-page': n},
      h('figcaption', {class: 'page-no'}, 'Trang ' + n));
    const sheet = h('div', {class: 'sheet'});
    sheet.style.aspectRatio = `${size.width} / ${size.height}`;
    const onPage = boxed.filter(b => b.page === n);
    const heights = onPage.map(b => b.bbox[3] - b.bbox[1]).sort((a, b) => a - b);
    const lineHeight = heights.length ? heights[Math.floor(heights.length / 2)] : 0;
    for (const m of onPage) sheet.append(pageBox(m, size, x, lineHeight));
    figure.append(sheet);
    figure.pdfPage = page;
    container.append(figure);
    observer.observe(figure);
  }
  return pdf;
}

// The canvas of one page, at the width the sheet is shown and the screen's pixel density.
async function drawPage(pdf, figure) {
  const sheet = figure.querySelector('.sheet');
  const page = figure.pdfPage;
  const unit = page.getViewport({scale: 1});
  const scale = Math.max(sheet.clientWidth, 300) * (window.devicePixelRatio || 1) / unit.width;
  const viewport = page.getViewport({scale});
  const canvas = h('canvas', {width: Math.round(viewport.width), height: Math.round(viewport.height), 'aria-hidden': 'true'});
  sheet.prepend(canvas);
  await page.render({canvasContext: canvas.getContext('2d'), viewport}).promise;
}

// A box over one mark, placed in percents of the page so it follows the sheet's width. A span
// running over a line break has one box around both lines' words (the spans carry one bbox):
// drawn as an outline only, so the other words it covers are not taken for the number.
function pageBox(m, size, x, lineHeight) {
  const [x0, y0, x1, y1] = m.bbox;
  const spread = lineHeight > 0 && y1 - y0 > 1.8 * lineHeight;
  const pct = (v, whole) => (100 * v / whole).toFixed(3) + '%';
  const flagged = m.evidence !== undefined;
  const label = flagged ? 'Số liệu có phát hiện' : factTitle(x.facts[m.fact]);
  const box = h(flagged ? 'button' : 'span', {class: 'box ' + (flagged ? 'flagged' : 'fact') + (m.uncertain ? ' uncertain' : '') + (spread ? ' spread' : ''),
                                             title: label, 'aria-label': label, type: flagged ? 'button' : null,
                                             'data-evidence': flagged ? m.evidence : null, 'data-flags': flagged ? m.flag : null});
  // A box a little larger than the words, so the number under it stays readable.
  const pad = 1.5;
  box.style.left = pct(x0 - pad, size.width);
  box.style.top = pct(y0 - pad, size.height);
  box.style.width = pct(x1 - x0 + 2 * pad, size.width);
  box.style.height = pct(y1 - y0 + 2 * pad, size.height);
  if (flagged) box.addEventListener('click', () => selectFlag(m.flag, m.evidence, false));
  return box;
}
