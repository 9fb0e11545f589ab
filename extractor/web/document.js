// One document of `baocao serve`'s page (docs/SERVE.md): its text with the facts and flagged
// numbers marked and its lines numbered as the flags cite them, its flags with their review marks,
// its facts; for a PDF, its pages as printed (page_images.js). Uses app.js's helpers (h, api, LABELS).
'use strict';

// ---- one document: text, facts, flags ----------------------------------------------------------

async function showDocument(id) {
  view().replaceChildren(h('p', {class: 'muted'}, 'Đang tải tài liệu…'));
  let x, pages;
  try {
    x = await (await api('api/documents/' + id)).json();
    // A PDF's or an image's pages, and a Word file's text, are what the spans point into, not the
    // file's bytes.
    if (x.document.format === 'pdf' || x.document.format === 'docx' || x.document.format === 'image') {
      const p = await (await api(`api/documents/${id}/pages`)).json();
      const encoder = new TextEncoder();
      pages = p.pages.map(pg => ({number: pg.number, bytes: encoder.encode(pg.text), encoding: 'utf-8', hasText: pg.has_text_layer,
                                  words: pg.words || []}));
    } else {
      const bytes = new Uint8Array(await (await api(`api/documents/${id}/source`)).arrayBuffer());
      pages = [{number: null, bytes, encoding: x.document.encoding || 'utf-8', hasText: true}];
    }
  } catch (err) {
    view().replaceChildren(h('p', {class: 'error-text'}, errorText(err)), h('p', {}, h('a', {href: '#/'}, '‹ Về danh sách')));
    return;
  }
  // Review marks (by flag index); a store or server without them leaves the cards unmarked.
  let reviews = [];
  try {
    reviews = (await (await api(`api/documents/${id}/reviews`)).json()).reviews;
  } catch (err) { /* marks are an aid: the document shows without them */ }
  const flags = x.flags.map((f, i) => ({...f, index: i, review: (reviews[i] || {}).review || null, docId: id})).sort((a, b) =>
    (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.index - b.index);

  // Every highlighted range: the facts, and each flag's evidence (ids "f<flag>e<n>").
  const marks = [];
  x.facts.forEach((f, i) => marks.push({start: f.span.start, end: f.span.end, page: f.span.page, bbox: f.span.bbox, uncertain: !!f.span.uncertain, fact: i}));
  for (const f of flags) {
    f.evidence.forEach((e, j) => marks.push({start: e.start, end: e.end, page: e.page, bbox: e.bbox, evidence: `f${f.index}e${j}`, flag: f.index}));
  }

  const meta = x.meta || {};
  const name = baseName(x.document.path);
  const title = h('section', {class: 'doc-head'},
    h('p', {class: 'crumbs'}, h('a', {href: '#/'}, '‹ Tài liệu')),
    h('h2', {}, (LABELS.kind[meta.kind] || 'Văn bản') + (meta.number ? ' số ' + meta.number : '')),
    meta.title ? h('p', {class: 'doc-title-full'}, meta.title) : null,
    h('dl', {class: 'meta'},
      metaItem('Tệp', name),
      metaItem('Ngày', formatDate(meta.date)),
      metaItem('Phường, xã', meta.ward),
      metaItem('Tỉnh, thành', meta.province),
      metaItem('Cơ quan ban hành', meta.issuer),
      metaItem('Người ký', meta.signer),
      metaItem('Định dạng', formatWords(x.document)),
      metaItem('Số liệu', `${x.facts.length} chỉ số, ${x.flags.length} phát hiện`)),
    h('p', {class: 'doc-links'},
      h('a', {href: `api/documents/${id}/source`, download: name}, 'Tải tệp gốc'), ' · ',
      h('a', {href: `api/documents/${id}`, target: '_blank', rel: 'noopener'}, 'Dữ liệu JSON')));

  const textPages = h('div', {class: 'text-pages'},
    h('div', {class: 'legend'}, h('span', {class: 'hl fact'}, 'số liệu đã nhận diện'), ' ', h('span', {class: 'hl flagged'}, 'số liệu có phát hiện'),
      pages.some(p => p.words && p.words.length)
        ? [' ', h('span', {class: 'ocr ocr-unsure'}, 'chữ OCR đọc chưa chắc'), ' ', h('span', {class: 'ocr uncertain'}, 'chữ số có thể đọc sai')] : null,
      ' · số bên trái là số dòng mà phát hiện trích dẫn'),
    pages.map(p => renderPage(p, marks.filter(m => (m.page ?? null) === p.number).concat(ocrMarks(p)), x)));
  const text = h('section', {class: 'doc-text', id: 'doc-text', 'aria-label': 'Nội dung tài liệu'},
    x.document.format === 'pdf' && (await serverStatus()).page_images ? viewSwitch(id, marks, x, textPages) : null, textPages);

  const panel = h('aside', {class: 'flags', id: 'flags', 'aria-label': 'Phát hiện'},
    h('h3', {}, flags.length ? `Phát hiện (${flags.length})` : 'Không có phát hiện'),
    flags.length ? null : h('p', {class: 'muted', id: 'no-flag-note'}, noFlagNote(x)),
    flags.map(f => renderFlag(f, pages.length > 1 || pages[0].number !== null)));

  // replaceChildren writes a null as the text "null": a document with no fact has no table.
  view().replaceChildren(...[title, h('div', {class: 'doc-body'}, panel, text), renderFacts(x)].filter(Boolean));
  document.title = name + ' · baocao';
}

// "Chữ đã đọc | Trang gốc": the text the engine read, or the pages as printed with boxes over the
// facts (page_images.js, drawn on first use).
function viewSwitch(id, marks, x, textPages) {
  const images = h('div', {class: 'page-images', id: 'page-images', hidden: true});
  const show = pagesShown => {
    textButton.setAttribute('aria-pressed', String(!pagesShown));
    imageButton.setAttribute('aria-pressed', String(pagesShown));
    textPages.hidden = pagesShown;
    images.hidden = !pagesShown;
    if (pagesShown && !images.dataset.opened) {
      images.dataset.opened = '1';
      renderPageImages(images, id, marks, x).catch(err => {
        delete images.dataset.opened;
        images.replaceChildren(h('p', {class: 'error-text'}, 'Không mở được trang gốc: ' + errorText(err)));
      });
    }
  };
  const textButton = h('button', {type: 'button', class: 'switch', 'aria-pressed': 'true', onclick: () => show(false)}, 'Chữ đã đọc');
  const imageButton = h('button', {type: 'button', class: 'switch', 'aria-pressed': 'false', id: 'show-page-images', onclick: () => show(true)}, 'Trang gốc');
  const bar = h('div', {class: 'view-switch', role: 'group', 'aria-label': 'Cách xem tài liệu'}, textButton, imageButton);
  return [bar, images];
}

// What "no flag" means for this document: only relations that were checked can be said to hold;
// a scan with no text or a table with no stated totals was not checked at all.
function noFlagNote(x) {
  const checks = (x.checks || []).length;
  if (checks > 0) return `Đã kiểm tra ${checks} quan hệ giữa các số liệu (tổng, tỷ lệ, mục tiêu…): tất cả đều khớp.`;
  if (!x.facts.length && !(x.mentions || []).length) {
    return 'Chưa kiểm tra được gì: không đọc được số liệu nào trong văn bản (có thể là bản quét chưa nhận dạng chữ).';
  }
  return `Chưa có gì để kiểm tra: văn bản có ${x.facts.length} chỉ số nhưng không nêu tổng, tỷ lệ hay mục tiêu nào để đối chiếu.`;
}

function formatWords(doc) {
  if (doc.format === 'pdf') return `PDF, ${doc.pages} trang`;
  if (doc.format === 'docx') return 'Word (.docx)';
  if (doc.format === 'image') return `Ảnh (nhận dạng OCR), ${doc.pages} trang`;
  return 'Văn bản (' + (doc.encoding || 'utf-8') + ')';
}

// One label and its value, kept together in one cell of the details' grid (a <div> in a <dl>).
function metaItem(label, value) {
  return h('div', {class: 'meta-item'}, h('dt', {}, label), h('dd', {}, value || '—'));
}

// The page's bytes cut at every mark boundary; each piece decoded in order (a streaming
// decoder, so the cuts, which are byte offsets, never split a character's decoding) and wrapped
// in the marks that cover it. Each line is an element numbered as spans count lines (1-based,
// per page for a PDF), so "dòng 97" in a flag is found by its number; a mark running over a line
// break is cut into one piece a line.
function renderPage(page, marks, x) {
  const bytes = page.bytes;
  const valid = marks.filter(m => m.start >= 0 && m.end <= bytes.length && m.start < m.end);
  const cuts = new Set([0, bytes.length]);
  for (const m of valid) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const starting = new Map();
  for (const m of valid) {
    if (!starting.has(m.start)) starting.set(m.start, []);
    starting.get(m.start).push(m);
  }
  let decoder;
  try { decoder = new TextDecoder(page.encoding); } catch (e) { decoder = new TextDecoder('utf-8'); }
  const pre = h('pre', {class: 'source numbered'});
  let lineNumber = 0, line = null;
  const newLine = () => { line = h('span', {class: 'line', 'data-line': ++lineNumber}); pre.append(line); };
  newLine();
  // Appends `text`, starting a new line after each line break; `wrap` makes a mark's piece.
  const put = (text, wrap) => text.split('\n').forEach((part, k) => {
    if (k > 0) { line.append('\n'); newLine(); }
    if (part) line.append(wrap ? wrap(part) : part);
  });
  let open = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    open = open.filter(m => m.end > a).concat(starting.get(a) || []);
    // NFC for display only: a document typed with combining marks shows its letters whole.
    const piece = decoder.decode(bytes.subarray(a, b), {stream: true}).normalize('NFC');
    put(piece, open.length ? markPiece(open, x) : null);
  }
  put(decoder.decode(), null);
  const section = h('div', {class: 'page', 'data-page': page.number ?? null});
  if (page.number !== null) {
    section.append(h('h4', {class: 'page-no'}, 'Trang ' + page.number + (page.hasText ? '' : ' (ảnh quét, không có chữ)')));
  }
  section.append(pre);
  return section;
}

// The words of a page read by OCR that Tesseract was not sure of, as marks that shade them.
const OCR_UNSURE = 85, OCR_DOUBTFUL = 60;   // confidence, 0-100
function ocrMarks(page) {
  return (page.words || []).filter(([, , confidence, uncertain]) => confidence < OCR_UNSURE || uncertain)
    .map(([start, end, confidence, uncertain]) => ({start, end, ocr: confidence, uncertain: !!uncertain}));
}

// Makes the element of one piece of text under the marks `open`: a fact (its reading in the
// tooltip; a digit OCR was unsure of marked "uncertain"), a flag's evidence (Enter, Space or a
// click selects the flag).
function markPiece(open, x) {
  const facts = open.filter(m => m.fact !== undefined);
  const evidence = open.filter(m => m.evidence !== undefined);
  const uncertain = open.some(m => m.uncertain);
  const ocr = open.find(m => m.ocr !== undefined);
  const shade = !ocr ? '' : ocr.ocr < OCR_DOUBTFUL ? ' ocr-doubtful' : ocr.ocr < OCR_UNSURE ? ' ocr-unsure' : '';
  const title = facts.length ? factTitle(x.facts[facts[0].fact], uncertain)
              : ocr ? `OCR: độ tin cậy ${ocr.ocr}%` + (uncertain ? ', chữ số không chắc chắn' : '') : null;
  return part => {
    const span = h('span', {class: (facts.length || evidence.length ? 'hl' : 'ocr') + (facts.length ? ' fact' : '') +
                                   (evidence.length ? ' flagged' : '') + (uncertain ? ' uncertain' : '') + shade,
                            'data-evidence': evidence.map(m => m.evidence).join(' ') || null,
                            'data-flags': [...new Set(evidence.map(m => m.flag))].join(' ') || null, title}, part);
    if (evidence.length) {
      span.tabIndex = 0;
      span.setAttribute('role', 'button');
      span.addEventListener('click', () => selectFlag(evidence[0].flag, null, false));
      span.addEventListener('keydown', e => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        selectFlag(evidence[0].flag, null, false);
        // From the number to its flag's card, where the review buttons are the next Tab stops.
        const card = document.getElementById('flag-' + evidence[0].flag);
        if (card) card.focus();
      });
    }
    return span;
  };
}

// What a fact's mark says on hover: the indicator, its role, value and period, its label.
function factTitle(f, uncertain) {
  return `${f.indicator} · ${LABELS.role[f.role] || f.role}: ${formatValue(f.value, f.unit)}` +
         (f.period ? ` · ${periodWords(f.period)}` : '') + (f.label ? `\n${f.label}` : '') +
         (uncertain ? '\nOCR không chắc chắn về chữ số này: hãy đối chiếu với trang gốc.' : '');
}

function renderFlag(f, paged) {
  const card = h('article', {class: 'flag ' + f.severity, id: 'flag-' + f.index, tabindex: 0, 'data-flag': f.index},
    h('header', {}, h('span', {class: 'sev ' + f.severity}, LABELS.severity[f.severity] || f.severity), ' ',
      h('span', {class: 'flag-kind'}, LABELS.flag[f.kind] || f.kind)),
    h('p', {class: 'explanation'}, f.explanation),
    (f.stated !== null && f.stated !== undefined) || (f.computed !== null && f.computed !== undefined)
      ? h('p', {class: 'numbers'},
          h('span', {}, 'Số đã nêu: ', h('b', {}, formatNumber(f.stated))), ' ',
          h('span', {}, 'Số tính được: ', h('b', {}, formatNumber(f.computed))))
      : null,
    h('ol', {class: 'evidence'}, f.evidence.map((e, j) => h('li', {},
      h('button', {type: 'button', class: 'link', 'data-evidence': `f${f.index}e${j}`,
                   onclick: ev => { ev.stopPropagation(); selectFlag(f.index, `f${f.index}e${j}`, true); }},
        (paged && e.page ? `trang ${e.page}, ` : '') + `dòng ${e.line}: `, h('q', {}, e.text))))));
  card.append(renderReview(f));
  card.addEventListener('click', () => selectFlag(f.index, null, true));
  card.addEventListener('keydown', e => { if (e.key === 'Enter') selectFlag(f.index, null, true); });
  return card;
}

// The auditor's mark on a flag: confirmed, false alarm or needs follow-up, with a comment; kept in
// the store with who (the token's name) and when.
const VERDICTS = [['confirmed', 'Đúng là sai sót'], ['false_alarm', 'Báo nhầm'], ['follow_up', 'Cần xem lại']];

function reviewState(review) {
  if (!review) return h('span', {class: 'review-state none'}, 'Chưa đánh giá');
  const label = (VERDICTS.find(v => v[0] === review.verdict) || [, review.verdict])[1];
  return h('span', {class: 'review-state ' + review.verdict},
    label, ' · ', review.reviewer, ', ', formatTime(review.at), review.comment ? h('q', {}, review.comment) : null);
}

function formatTime(iso) {
  const t = new Date(iso);
  return isNaN(t) ? iso : t.toLocaleString('vi-VN', {dateStyle: 'short', timeStyle: 'short'});
}

function renderReview(f) {
  const box = h('div', {class: 'review', 'data-review': f.index});
  const state = h('p', {class: 'review-line'}, reviewState(f.review));
  const comment = h('input', {type: 'text', class: 'review-comment', maxlength: 2000, placeholder: 'Ghi chú (không bắt buộc)',
                              'aria-label': 'Ghi chú đánh giá', value: (f.review && f.review.comment) || ''});
  const send = async (verdict) => {
    if (!token) return notice('Cần mã truy cập để đánh giá phát hiện.', 'error');
    try {
      const path = `api/documents/${f.docId}/flags/${f.index}/review`;
      const res = verdict
        ? await api(path, {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({verdict, comment: comment.value})})
        : await api(path, {method: 'DELETE'});
      f.review = verdict ? (await res.json()).review : null;
      state.replaceChildren(reviewState(f.review));
      for (const b of box.querySelectorAll('button[data-verdict]')) b.classList.toggle('chosen', !!f.review && b.dataset.verdict === f.review.verdict);
      notice(verdict ? 'Đã lưu đánh giá.' : 'Đã bỏ đánh giá.', 'ok');
    } catch (err) {
      notice(errorText(err), 'error');
    }
  };
  const buttons = h('p', {class: 'review-buttons'},
    VERDICTS.map(([verdict, label]) => h('button', {type: 'button', class: 'small' + (f.review && f.review.verdict === verdict ? ' chosen' : ''),
                                                     'data-verdict': verdict, onclick: () => send(verdict)}, label)),
    h('button', {type: 'button', class: 'small link', onclick: () => send(null)}, 'Bỏ đánh giá'));
  box.append(state, comment, buttons);
  // Clicks and keys inside the mark are for the mark, not for selecting the flag's evidence.
  box.addEventListener('click', e => e.stopPropagation());
  box.addEventListener('keydown', e => e.stopPropagation());
  return box;
}

// Marks a flag's evidence (or one piece of it) in the text and brings it into view.
function selectFlag(flagIndex, evidenceId, scrollText) {
  for (const el of document.querySelectorAll('.hl.active, .box.active, .flag.active')) el.classList.remove('active');
  const card = document.getElementById('flag-' + flagIndex);
  if (card) card.classList.add('active');
  const selector = evidenceId ? `[data-evidence~="${evidenceId}"]` : `[data-flags~="${flagIndex}"]`;
  // The marks in the text and the boxes on the pages; the view shown is the one scrolled to.
  const pieces = [...document.querySelectorAll(`.hl${selector}, .box${selector}`)].filter(el => el.offsetParent !== null);
  for (const el of pieces) el.classList.add('active');
  if (scrollText && pieces.length) pieces[0].scrollIntoView({block: 'center', behavior: 'smooth'});
  else if (!scrollText && card) card.scrollIntoView({block: 'nearest', behavior: 'smooth'});
}

function renderFacts(x) {
  if (!x.facts.length) return null;
  return h('details', {class: 'facts'},
    h('summary', {}, `Bảng số liệu đã nhận diện (${x.facts.length})`),
    h('div', {class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Bảng số liệu (cuộn ngang)'}, h('table', {class: 'fact-table'},
      h('thead', {}, h('tr', {}, ['Chỉ số', 'Vai trò', 'Giá trị', 'Kỳ', 'Vị trí', 'Nguyên văn'].map(t => h('th', {}, t)))),
      h('tbody', {}, x.facts.map(f => h('tr', {},
        h('td', {'data-label': 'Chỉ số'}, h('code', {}, f.indicator), f.label ? h('div', {class: 'muted small'}, f.label) : null),
        h('td', {'data-label': 'Vai trò'}, LABELS.role[f.role] || f.role),
        h('td', {'data-label': 'Giá trị', class: 'num'}, (f.comparator ? f.comparator.replace('>=', '≥').replace('<=', '≤') + ' ' : '') + formatValue(f.value, f.unit)),
        h('td', {'data-label': 'Kỳ'}, periodWords(f.period) || '—'),
        h('td', {'data-label': 'Vị trí'}, (f.span.page ? `trang ${f.span.page}, ` : '') + `dòng ${f.span.line}`),
        h('td', {'data-label': 'Nguyên văn'}, h('q', {}, f.span.text))))))));
}

