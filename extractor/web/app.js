// The auditors' page of `baocao serve` (docs/SERVE.md): upload, the documents, one document's
// text with its facts and flags, the comparison across wards. Vanilla JS, no network beyond
// this server. Every piece of document data reaches the page through textContent or an
// attribute, never as markup, so a report holding <script> shows as text.
'use strict';

// ---- small helpers -----------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const view = () => document.getElementById('view');

const LABELS = {
  kind: {report: 'Báo cáo', plan: 'Kế hoạch', decision: 'Quyết định', official_letter: 'Công văn', other: 'Khác'},
  severity: {error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin'},
  flag: {
    sum_mismatch: 'Tổng không khớp',
    ratio_mismatch: 'Tỷ lệ không khớp',
    conflicting_values: 'Số liệu mâu thuẫn',
    assessment_mismatch: 'Tự đánh giá không khớp',
    magnitude_anomaly: 'Số liệu bất thường',
    name_variant: 'Tên đơn vị viết khác nhau',
    status_overlap: 'Trạng thái chồng chéo',
    date_inconsistency: 'Ngày tháng không hợp lý',
    target_missed: 'Không đạt chỉ tiêu',
    reference_mismatch: 'Trích dẫn văn bản không khớp',
    other: 'Vấn đề khác',
  },
  role: {actual: 'Kết quả', target: 'Chỉ tiêu', assessment: 'Tự đánh giá'},
  error: {
    unauthorized: 'Cần mã truy cập hợp lệ (ô “Mã truy cập” ở đầu trang).',
    too_large: 'Tệp quá lớn so với giới hạn của máy chủ.',
    unsupported_media_type: 'Không phải loại tệp đọc được: chỉ nhận văn bản, PDF, Word (.docx, .doc, .odt, .rtf) và ảnh (JPEG, PNG, TIFF, WebP).',
    binary: 'Không phải loại tệp đọc được: chỉ nhận văn bản, PDF, Word (.docx, .doc, .odt, .rtf) và ảnh (JPEG, PNG, TIFF, WebP).',
    unsupported: 'Tệp nén không chứa văn bản đọc được (ví dụ một tệp Excel hoặc một tệp .zip khác).',
    needs_converter: 'Máy chủ chưa cài LibreOffice nên chưa đọc được tệp Word cũ (.doc), .odt hay .rtf.',
    expansion_limit: 'Tệp nén giãn ra quá lớn: không đọc.',
    unsafe_xml: 'Tệp Word chứa khai báo XML không an toàn: không đọc.',
    invalid_encoding: 'Không đọc được bảng mã của tệp văn bản.',
    corrupt: 'Tệp PDF bị hỏng, không đọc được.',
    encrypted: 'Tệp PDF được khóa bằng mật khẩu.',
    no_text: 'PDF chỉ có ảnh quét, không có lớp chữ.',
    empty: 'Tệp rỗng.',
    timeout: 'Trích xuất quá thời gian cho phép: tệp quá dài hoặc máy chủ đang bận. Hãy thử lại sau, hoặc nhờ quản trị viên nạp tệp bằng lệnh ingest.',
    cancelled: 'Đã hủy theo yêu cầu.',
    over_memory: 'Tệp cần nhiều bộ nhớ hơn mức máy chủ cho phép.',
    name_taken: 'Tên tệp vừa được một tài liệu khác dùng: hãy gửi lại.',
    busy: 'Máy chủ đang bận, vui lòng thử lại sau.',
    not_found: 'Không tìm thấy.',
  },
};
const SEVERITY_ORDER = {error: 0, warning: 1, info: 2};

const numberFormat = new Intl.NumberFormat('vi-VN', {maximumFractionDigits: 4});
function formatNumber(v) {
  return typeof v === 'number' && isFinite(v) ? numberFormat.format(v) : '—';
}
function formatValue(v, unit) {
  if (v === true) return 'Đạt';
  if (v === false) return 'Không đạt';
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return formatNumber(v) + (unit ? (unit === '%' ? '%' : ' ' + unit) : '');
}
function formatDate(iso) {
  if (!iso) return '—';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  return [m[3], m[2], m[1]].filter(Boolean).join('/');
}
function periodWords(p) {
  if (!p) return '';
  let m;
  if ((m = /^(\d{4})$/.exec(p))) return 'năm ' + m[1];
  if ((m = /^(\d{4})-H([12])$/.exec(p))) return (m[2] === '1' ? '6 tháng đầu năm ' : '6 tháng cuối năm ') + m[1];
  if ((m = /^(\d{4})-Q([1-4])$/.exec(p))) return 'quý ' + ['I', 'II', 'III', 'IV'][m[2] - 1] + '/' + m[1];
  if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return 'tháng ' + Number(m[2]) + '/' + m[1];
  if ((m = /^(\d{4})\/(\d{4})$/.exec(p))) return 'giai đoạn ' + m[1] + '–' + m[2];
  return p;
}
function baseName(path) {
  return String(path || '').split('/').pop();
}

// ---- access token ------------------------------------------------------------------------------

let token = sessionStorage.getItem('baocao-token') || '';
function setToken(t) {
  token = (t || '').trim();
  if (token) sessionStorage.setItem('baocao-token', token);
  else sessionStorage.removeItem('baocao-token');
  document.getElementById('token-input').value = token;
}
function authHeaders() {
  return token ? {Authorization: 'Bearer ' + token} : {};
}

let noticeTimer = null;
function notice(text, kind) {
  const n = document.getElementById('notice');
  n.textContent = text;
  n.className = 'notice ' + (kind || '');
  n.hidden = !text;
  clearTimeout(noticeTimer);
  if (text && kind !== 'error') noticeTimer = setTimeout(() => (n.hidden = true), 6000);
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(path, options) {
  const res = await fetch(path, {...(options || {}), headers: {...authHeaders(), ...((options || {}).headers || {})}});
  if (!res.ok) {
    let code = 'error', message = res.statusText;
    try {
      const body = await res.json();
      code = body.error.code;
      message = body.error.message;
    } catch (e) { /* not JSON */ }
    throw new ApiError(res.status, code, message);
  }
  return res;
}

function errorText(err) {
  // In Vietnamese only where the page has the words; else the server's own (English) reason.
  if (err instanceof ApiError) return LABELS.error[err.code] || `Lỗi ${err.status} (${err.message})`;
  return 'Mất kết nối tới máy chủ.';
}

// ---- router ------------------------------------------------------------------------------------

function route() {
  if (takeTokenFromAddress()) return;   // route() runs again on the replaced address
  const hash = location.hash || '#/';
  let m;
  for (const a of document.querySelectorAll('.nav a')) a.classList.remove('current');
  if ((m = /^#\/tai-lieu\/(\d+)/.exec(hash))) return showDocument(Number(m[1]));
  if (hash.startsWith('#/phat-hien') || hash.startsWith('#/canh-bao')) {
    document.querySelector('.nav a[data-route="flags"]').classList.add('current');
    return showFlags();
  }
  if (hash.startsWith('#/so-sanh')) {
    document.querySelector('.nav a[data-route="compare"]').classList.add('current');
    return showCompare();
  }
  document.querySelector('.nav a[data-route="documents"]').classList.add('current');
  return showDocuments();
}

// ---- documents: upload and list ----------------------------------------------------------------

const listState = {q: '', kind: '', offset: 0, limit: 25, sort: 'path'};
const uploads = [];   // {file, item} waiting
let uploading = 0;
const MAX_PARALLEL_UPLOADS = 3;

function showDocuments() {
  const input = h('input', {type: 'file', id: 'file-input', multiple: true, accept: '.txt,.pdf,.docx,.doc,.odt,.rtf,.jpg,.jpeg,.png,.tif,.tiff,.webp,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,application/vnd.oasis.opendocument.text,application/rtf,image/jpeg,image/png,image/tiff,image/webp',
                            class: 'file-input', onchange: e => { queueFiles(e.target.files); e.target.value = ''; }});
  const zone = h('section', {class: 'dropzone', id: 'dropzone', 'aria-label': 'Tải tài liệu lên'},
    h('p', {class: 'drop-title'}, 'Kéo và thả báo cáo, kế hoạch (.txt, .pdf, .docx, .doc, .odt, .rtf; ảnh chụp, bản quét .jpg, .png, .tif, .webp) vào đây'),
    h('p', {}, 'hoặc ', h('label', {for: 'file-input', class: 'button'}, 'Chọn tệp…'), input),
    h('ul', {class: 'uploads', id: 'upload-list', 'aria-live': 'polite'}));
  for (const ev of ['dragenter', 'dragover']) {
    zone.addEventListener(ev, e => { e.preventDefault(); zone.classList.add('over'); });
  }
  for (const ev of ['dragleave', 'drop']) {
    zone.addEventListener(ev, e => { e.preventDefault(); zone.classList.remove('over'); });
  }
  zone.addEventListener('drop', e => queueFiles(e.dataTransfer.files));

  const search = h('input', {type: 'search', id: 'search', 'aria-label': 'Tìm tài liệu', placeholder: 'Tìm theo tệp, phường, tỉnh, số, tiêu đề (có dấu hay không)', value: listState.q});
  const kind = h('select', {id: 'kind-filter', 'aria-label': 'Loại văn bản'},
    h('option', {value: ''}, 'Mọi loại'),
    Object.entries(LABELS.kind).map(([k, v]) => h('option', {value: k, selected: listState.kind === k}, v)));
  const filters = h('form', {class: 'filters', onsubmit: e => { e.preventDefault(); listState.q = search.value.trim(); listState.kind = kind.value; listState.offset = 0; loadDocuments(); }},
    search, kind, h('button', {type: 'submit'}, 'Lọc'));
  kind.addEventListener('change', () => filters.requestSubmit());

  view().replaceChildren(
    zone,
    h('section', {class: 'documents'},
      h('div', {class: 'section-head'}, h('h2', {}, 'Tài liệu đã lưu'), filters),
      h('div', {id: 'document-list', class: 'document-list'}, h('p', {class: 'muted'}, 'Đang tải…')),
      h('div', {id: 'pager', class: 'pager', 'aria-live': 'polite'}),
      h('p', {class: 'downloads small'}, 'Tải về: ',
        'danh sách tài liệu (', h('a', {href: 'api/documents.csv', download: 'baocao-tai-lieu.csv'}, 'CSV'), ', ',
        h('a', {href: 'api/documents.xlsx', download: 'baocao-tai-lieu.xlsx'}, 'Excel'), ') · ',
        h('a', {href: 'api/export.csv', download: 'baocao-so-lieu.csv'}, 'số liệu (CSV)'), ' · ',
        'đánh giá phát hiện (', h('a', {href: 'api/reviews.csv', download: 'baocao-danh-gia.csv'}, 'CSV'), ', ',
        h('a', {href: 'api/reviews.xlsx', download: 'baocao-danh-gia.xlsx'}, 'Excel'), ')')));
  for (const u of uploads) document.getElementById('upload-list').append(u.item);
  loadDocuments();
  if (maxUpload === null) {
    serverStatus().then(s => { maxUpload = s.max_upload ?? null; });
  }
}

let maxUpload = null;   // bytes, from api/status: a larger file is refused here, not sent

let statusAsked = null;
// The server's /api/status, asked once: its limits and what it offers (page_images); {} when it
// cannot be had, asked again next time.
function serverStatus() {
  if (!statusAsked) statusAsked = api('api/status').then(r => r.json()).catch(() => { statusAsked = null; return {}; });
  return statusAsked;
}

function queueFiles(files) {
  const list = document.getElementById('upload-list');
  for (const file of files) {
    const bar = h('progress', {max: 1, value: 0});
    const status = h('span', {class: 'upload-status'}, 'Đang chờ…');
    const upload = {file, bar, status};
    const cancel = h('button', {type: 'button', class: 'small link danger upload-cancel', onclick: () => cancelUpload(upload)}, 'Hủy');
    const item = h('li', {class: 'upload'}, h('span', {class: 'upload-name'}, file.name), bar, status, cancel);
    upload.item = item;
    upload.cancel = cancel;
    list.prepend(item);
    if (maxUpload !== null && file.size > maxUpload) {
      upload.started = true;
      item.classList.add('failed');
      status.textContent = `Tệp quá lớn: ${formatNumber(file.size / 1048576)} MB, tối đa ${formatNumber(maxUpload / 1048576)} MB.`;
    } else if (!token) {
      upload.started = true;
      item.classList.add('failed');
      status.textContent = LABELS.error.unauthorized;
    }
    uploads.push(upload);
  }
  pumpUploads();
}

function pumpUploads() {
  while (uploading < MAX_PARALLEL_UPLOADS) {
    const next = uploads.find(u => !u.started);
    if (!next) return;
    next.started = true;
    uploading++;
    sendFile(next).finally(() => { uploading--; pumpUploads(); });
  }
}

// Stops an upload where it is: not yet sent (never sent), sending (the request aborted), or being
// extracted (the server asked to cancel: its answer then says "cancelled").
function cancelUpload(u) {
  u.cancelled = true;
  u.cancel.disabled = true;
  if (!u.started) {
    u.started = true;
    u.item.classList.add('failed');
    u.status.textContent = LABELS.error.cancelled;
  } else if (u.xhr && !u.sent) {
    u.xhr.abort();
  } else if (u.xhr) {
    u.status.textContent = 'Đang hủy…';
    api('api/uploads/' + u.id, {method: 'DELETE'}).catch(() => {});
  }
}

// While the server extracts an upload: the pages read by OCR so far of the total, once a second.
function followExtraction(u) {
  u.timer = setInterval(async () => {
    try {
      const w = await (await api('api/uploads/' + u.id)).json();
      if (w.pages > 0 && !u.cancelled) {
        u.bar.value = w.page / w.pages;
        u.status.textContent = `Đang nhận dạng chữ (OCR): trang ${w.page}/${w.pages}`;
      }
    } catch (err) { /* finished meanwhile, or not watched: the answer comes with the upload */ }
  }, 1000);
}

function uploadId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
}

function sendFile(u) {
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest();
    u.xhr = xhr;
    u.id = uploadId();
    const finish = () => { clearInterval(u.timer); u.cancel.disabled = true; u.cancel.hidden = true; resolve(); };
    xhr.open('POST', 'api/documents');
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('X-Upload-Id', u.id);
    xhr.upload.addEventListener('load', () => { u.sent = true; u.bar.removeAttribute('value'); followExtraction(u); });
    xhr.addEventListener('abort', () => {
      u.item.classList.remove('sending');
      u.item.classList.add('failed');
      u.status.textContent = LABELS.error.cancelled;
      finish();
    });
    u.status.textContent = 'Đang tải lên…';
    u.item.classList.add('sending');
    xhr.upload.addEventListener('progress', e => {
      if (e.lengthComputable) {
        u.bar.value = e.loaded / e.total;
        u.status.textContent = e.loaded < e.total ? 'Đang tải lên… ' + Math.round(100 * e.loaded / e.total) + '%' : 'Đang trích xuất…';
      }
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      u.item.classList.remove('sending');
      if (xhr.status === 200 || xhr.status === 201) {
        u.bar.value = 1;
        u.item.classList.add('done');
        let what = body.outcome === 'unchanged' ? 'Đã có, không thay đổi' : body.outcome === 'replaced' ? 'Đã thay bản cũ' : 'Đã lưu';
        // Another document already had this name: this one is kept beside it, under its own.
        if (body.renamed) what += ' với tên «' + body.name + '» (tên này đã có tài liệu khác)';
        u.status.replaceChildren(what + ' · ' + body.flag_count + ' phát hiện · ',
                                 h('a', {href: '#/tai-lieu/' + body.id}, 'Xem'));
        if (document.getElementById('document-list')) loadDocuments();
      } else {
        u.item.classList.add('failed');
        const err = body && body.error ? new ApiError(xhr.status, body.error.code, body.error.message) : new ApiError(xhr.status, 'error', xhr.statusText);
        u.status.textContent = errorText(err);
      }
      finish();
    });
    xhr.addEventListener('error', () => {
      u.item.classList.remove('sending');
      u.item.classList.add('failed');
      u.status.textContent = 'Mất kết nối tới máy chủ (máy chủ có thể đã từ chối tệp: hãy kiểm tra mã truy cập và dung lượng tệp).';
      finish();
    });
    const form = new FormData();
    form.append('file', u.file, u.file.name);
    xhr.send(form);
  });
}

let documentRequest = 0;   // as flagRequest: only the latest answer is drawn

async function loadDocuments() {
  const target = document.getElementById('document-list');
  if (!target) return;
  const request = ++documentRequest;
  const params = new URLSearchParams({limit: listState.limit, offset: listState.offset, sort: listState.sort});
  if (listState.q) params.set('q', listState.q);
  if (listState.kind) params.set('kind', listState.kind);
  let list;
  try {
    list = await (await api('api/documents?' + params)).json();
    if (request !== documentRequest) return;
  } catch (err) {
    target.replaceChildren(h('p', {class: 'error-text'}, errorText(err)));
    return;
  }
  if (!document.body.contains(target)) return;
  if (!list.documents.length) {
    target.replaceChildren(h('p', {class: 'muted'}, list.total ? 'Hết danh sách.' : 'Chưa có tài liệu nào. Hãy tải lên một báo cáo hoặc kế hoạch.'));
  } else {
    const rows = list.documents.map(d => h('tr', {'data-id': d.id},
      h('td', {'data-label': 'Tệp'}, h('a', {href: '#/tai-lieu/' + d.id, class: 'doc-link'}, d.name),
        d.title ? h('div', {class: 'doc-title'}, d.title) : null),
      h('td', {'data-label': 'Loại'}, LABELS.kind[d.kind] || d.kind || '—'),
      h('td', {'data-label': 'Phường, xã'}, d.ward || '—'),
      h('td', {'data-label': 'Tỉnh, thành'}, d.province || '—'),
      h('td', {'data-label': 'Ngày'}, formatDate(d.date)),
      h('td', {'data-label': 'Phát hiện', class: 'num'}, flagBadge(d)),
      h('td', {class: 'actions'}, h('button', {type: 'button', class: 'link danger', onclick: () => deleteDocument(d)}, 'Xóa'))));
    target.replaceChildren(h('table', {class: 'doc-table'},
      h('thead', {}, h('tr', {}, [['Tệp', 'path'], ['Loại', 'kind'], ['Phường, xã', 'ward'], ['Tỉnh, thành', 'province'],
                                  ['Ngày', 'date'], ['Phát hiện', 'flags'], ['', null]].map(([t, key]) => sortHeader(t, key, listState, loadDocuments)))),
      h('tbody', {}, rows)));
  }
  const pager = document.getElementById('pager');
  const from = list.total ? list.offset + 1 : 0, to = list.offset + list.documents.length;
  pager.replaceChildren(
    h('span', {}, `${from}–${to} trong ${list.total} tài liệu`),
    h('button', {type: 'button', disabled: list.offset === 0, onclick: () => { listState.offset = Math.max(0, listState.offset - listState.limit); loadDocuments(); }}, '‹ Trước'),
    h('button', {type: 'button', disabled: to >= list.total, onclick: () => { listState.offset += listState.limit; loadDocuments(); }}, 'Sau ›'),
    pageSizeSelect(listState, loadDocuments));
}

// A column header that sorts the list by `key` (again: the other way), with an arrow for the
// current order; a column without a key is a plain header.
function sortHeader(label, key, state, reload) {
  if (!key) return h('th', {}, label);
  const current = state.sort === key ? 'ascending' : state.sort === '-' + key ? 'descending' : 'none';
  return h('th', {'aria-sort': current},
    h('button', {type: 'button', class: 'sort', 'data-sort': key,
                 onclick: () => { state.sort = state.sort === key ? '-' + key : key; state.offset = 0; reload(); }},
      label, current === 'ascending' ? ' ▲' : current === 'descending' ? ' ▼' : ''));
}

function pageSizeSelect(state, reload) {
  return h('label', {class: 'inline page-size'}, 'Mỗi trang: ',
    h('select', {'aria-label': 'Số dòng mỗi trang', onchange: e => { state.limit = Number(e.target.value); state.offset = 0; reload(); }},
      [25, 50, 100, 200].map(n => h('option', {value: n, selected: state.limit === n}, String(n)))));
}

function flagBadge(d) {
  if (!d.flag_count) return h('span', {class: 'badge ok'}, '0');
  return h('span', {class: 'badge ' + (d.error_count ? 'error' : 'warning'), title: `${d.error_count} lỗi, ${d.flag_count - d.error_count} phát hiện khác`},
    String(d.flag_count), d.error_count ? ` (${d.error_count} lỗi)` : '');
}

async function deleteDocument(d) {
  if (!confirm(`Xóa tài liệu “${d.name}” khỏi kho?`)) return;
  try {
    await api('api/documents/' + d.id, {method: 'DELETE'});
    notice(`Đã xóa “${d.name}”.`, 'ok');
    if (location.hash.startsWith('#/tai-lieu/')) location.hash = '#/';
    else loadDocuments();
  } catch (err) {
    notice(errorText(err), 'error');
  }
}

// ---- every flag: one list across documents, with facets -------------------------------------

const flagState = {severity: '', kind: '', review: '', ward: '', province: '', document_kind: '', q: '', offset: 0, limit: 50, sort: 'severity'};
const REVIEW_LABELS = {unreviewed: 'Chưa đánh giá', confirmed: 'Đúng là sai sót', false_alarm: 'Báo nhầm', follow_up: 'Cần xem lại'};
const FACETS = [
  ['severity', 'Mức độ', v => LABELS.severity[v] || v],
  ['kind', 'Loại phát hiện', v => LABELS.flag[v] || v],
  ['review', 'Đánh giá', v => REVIEW_LABELS[v] || v],
  ['province', 'Tỉnh, thành', v => v],
  ['ward', 'Phường, xã', v => v],
  ['document_kind', 'Loại văn bản', v => LABELS.kind[v] || v],
  ['year', 'Năm', v => v],
];

function flagParams(extra) {
  const params = new URLSearchParams(extra || {});
  for (const [key] of FACETS) if (flagState[key]) params.set(key, flagState[key]);
  if (flagState.q) params.set('q', flagState.q);
  return params;
}

// The flags found across documents (a report against its plan, one figure stated two ways in two
// documents, a cited document given two dates), above the documents' own, on the list's first
// page: they take the kind, severity, ward and province filters; they carry no review mark, so a
// review filter (or a document kind, or a search) leaves them out.
async function loadCorpusFlags(request) {
  const target = document.getElementById('corpus-flag-list');
  if (!target) return;
  if (flagState.offset > 0 || flagState.review || flagState.document_kind || flagState.q) return target.replaceChildren();
  const params = new URLSearchParams({scope: 'corpus'});
  for (const key of ['kind', 'severity', 'ward']) if (flagState[key]) params.set(key, flagState[key]);
  let list;
  try {
    list = await (await api('api/flags?' + params)).json();
  } catch (err) {
    return target.replaceChildren(h('p', {class: 'error-text'}, 'Phát hiện giữa các tài liệu: ' + errorText(err)));
  }
  if (request !== flagRequest) return;
  const flags = list.flags.filter(f => !flagState.province || f.province === flagState.province);
  if (!flags.length) return target.replaceChildren();
  target.replaceChildren(h('h3', {}, `Giữa các tài liệu (${flags.length})`),
    h('table', {class: 'doc-table corpus-flag-table'},
      h('thead', {}, h('tr', {}, ['Mức độ', 'Loại', 'Tài liệu', 'Phường, xã', 'Giải thích'].map(t => h('th', {}, t)))),
      h('tbody', {}, flags.map(f => h('tr', {},
        h('td', {'data-label': 'Mức độ'}, h('span', {class: 'sev ' + f.severity}, LABELS.severity[f.severity] || f.severity)),
        h('td', {'data-label': 'Loại'}, LABELS.flag[f.kind] || f.kind),
        h('td', {'data-label': 'Tài liệu'}, f.evidence.map(e => h('div', {},
          h('a', {href: '#/tai-lieu/' + e.document_id, class: 'doc-link'}, baseName(e.path)), ` (${e.page ? 'trang ' + e.page + ', ' : ''}dòng ${e.line})`))),
        h('td', {'data-label': 'Phường, xã'}, f.ward || '—'),
        h('td', {'data-label': 'Giải thích', class: 'flag-explanation'}, f.explanation))))),
    h('h3', {}, 'Trong từng tài liệu'));
}

function showFlags() {
  view().replaceChildren(h('section', {class: 'documents', id: 'flag-list-view'},
    h('div', {class: 'section-head'}, h('h2', {}, 'Phát hiện trên mọi tài liệu')),
    h('div', {id: 'flag-facets', class: 'filters facets'}),
    h('div', {id: 'corpus-flag-list', class: 'document-list'}),
    h('div', {id: 'flag-list', class: 'document-list'}, h('p', {class: 'muted'}, 'Đang tải…')),
    h('div', {id: 'flag-pager', class: 'pager', 'aria-live': 'polite'})));
  document.title = 'Phát hiện · baocao';
  loadFlags();
}

let flagRequest = 0;   // answers to older requests than the latest are dropped, not drawn over it

async function loadFlags() {
  let list;
  const request = ++flagRequest;
  try {
    list = await (await api('api/flags?' + flagParams({facets: 1, limit: flagState.limit, offset: flagState.offset, sort: flagState.sort}))).json();
    if (request !== flagRequest) return;
  } catch (err) {
    const target = document.getElementById('flag-list');
    if (target) target.replaceChildren(h('p', {class: 'error-text'}, errorText(err)));
    return;
  }
  const target = document.getElementById('flag-list');
  if (!target) return;
  loadCorpusFlags(request);
  const change = (key, value) => { flagState[key] = value; flagState.offset = 0; loadFlags(); };
  document.getElementById('flag-facets').replaceChildren(
    ...FACETS.map(([key, label, name]) => h('label', {class: 'facet'}, h('span', {}, label),
      h('select', {'data-facet': key, onchange: e => change(key, e.target.value)},
        h('option', {value: ''}, 'Tất cả'),
        (list.facets[key] || []).map(f => h('option', {value: f.value, selected: flagState[key] === f.value}, `${name(f.value)} (${f.count})`)),
        flagState[key] && !(list.facets[key] || []).some(f => f.value === flagState[key])
          ? h('option', {value: flagState[key], selected: true}, `${name(flagState[key])} (0)`) : null))),
    h('span', {class: 'download'}, 'Tải về: ',
      h('a', {href: 'api/flags.csv?' + flagParams(), download: 'baocao-canh-bao.csv'}, 'CSV'), ' · ',
      h('a', {href: 'api/flags.xlsx?' + flagParams(), download: 'baocao-canh-bao.xlsx'}, 'Excel')));
  if (!list.flags.length) {
    target.replaceChildren(h('p', {class: 'muted'}, 'Không có phát hiện nào khớp bộ lọc.'));
  } else {
    target.replaceChildren(h('table', {class: 'doc-table flag-table'},
      h('thead', {}, h('tr', {}, [['Mức độ', 'severity'], ['Loại', 'kind'], ['Tài liệu', 'path'], ['Phường, xã', 'ward'],
                                  ['Giải thích', null], ['Đánh giá', 'review']].map(([t, key]) => sortHeader(t, key, flagState, loadFlags)))),
      h('tbody', {}, list.flags.map(f => h('tr', {'data-id': f.id},
        h('td', {'data-label': 'Mức độ'}, h('span', {class: 'sev ' + f.severity}, LABELS.severity[f.severity] || f.severity)),
        h('td', {'data-label': 'Loại'}, LABELS.flag[f.kind] || f.kind),
        h('td', {'data-label': 'Tài liệu'}, h('a', {href: '#/tai-lieu/' + f.document_id, class: 'doc-link'}, baseName(f.path))),
        h('td', {'data-label': 'Phường, xã'}, f.ward || '—'),
        h('td', {'data-label': 'Giải thích', class: 'flag-explanation'}, f.explanation),
        h('td', {'data-label': 'Đánh giá'}, reviewState(f.review)))))));
  }
  const from = list.total ? list.offset + 1 : 0, to = list.offset + list.flags.length;
  document.getElementById('flag-pager').replaceChildren(
    h('span', {}, `${from}–${to} trong ${list.total} phát hiện`),
    h('button', {type: 'button', disabled: list.offset === 0, onclick: () => { flagState.offset = Math.max(0, flagState.offset - flagState.limit); loadFlags(); }}, '‹ Trước'),
    h('button', {type: 'button', disabled: to >= list.total, onclick: () => { flagState.offset += flagState.limit; loadFlags(); }}, 'Sau ›'),
    pageSizeSelect(flagState, loadFlags));
}

// ---- comparison across wards -------------------------------------------------------------------

const compareState = {period: ''};

async function showCompare() {
  view().replaceChildren(h('p', {class: 'muted'}, 'Đang tính bảng so sánh…'));
  let c;
  try {
    c = await (await api('api/compare')).json();
  } catch (err) {
    view().replaceChildren(h('p', {class: 'error-text'}, errorText(err)));
    return;
  }
  if (!c.periods.length) {
    view().replaceChildren(h('section', {class: 'compare'}, h('h2', {}, 'So sánh các phường, xã'),
      h('p', {class: 'muted'}, 'Chưa có số liệu để so sánh. Hãy tải lên báo cáo của các phường, xã.')));
    return;
  }
  if (!c.periods.some(p => p.period === compareState.period)) {
    // The period most wards report on; the latest among equals (periods come latest first).
    compareState.period = c.periods.reduce((best, p) => (p.rows.length > best.rows.length ? p : best)).period;
  }
  const select = h('select', {id: 'period', 'aria-label': 'Kỳ báo cáo', onchange: e => { compareState.period = e.target.value; renderPeriod(); }},
    c.periods.map(p => h('option', {value: p.period, selected: p.period === compareState.period}, p.period_words || periodWords(p.period))));
  const body = h('div', {id: 'compare-body'});
  view().replaceChildren(h('section', {class: 'compare'},
    h('div', {class: 'section-head'}, h('h2', {}, 'So sánh các phường, xã'), h('label', {class: 'inline'}, 'Kỳ: ', select)),
    h('p', {class: 'legend'}, h('span', {class: 'cell-sample miss'}, 'chưa đạt chỉ tiêu'), ' ',
      h('span', {class: 'cell-sample outlier'}, 'giá trị bất thường'), ' ', h('span', {class: 'cell-sample flagged'}, 'có phát hiện đối chiếu'),
      ' ', h('span', {class: 'cell-sample target-sample'}, 'chỉ tiêu (CT, vạch đen trên biểu đồ)')),
    body,
    h('p', {class: 'downloads small'}, 'Tải bảng so sánh (mọi kỳ): ',
      h('a', {href: 'api/compare.csv', download: 'baocao-so-sanh.csv'}, 'CSV'), ' · ',
      h('a', {href: 'api/compare.xlsx', download: 'baocao-so-sanh.xlsx'}, 'Excel'))));

  function renderPeriod() {
    const p = c.periods.find(q => q.period === compareState.period);
    const indicators = p.indicators.filter(ind => ind.values > 0 || p.rows.some(r => r.cells[ind.id]));
    // Indicators down, wards across: there are far more indicators than wards in a province's
    // period, so the table grows down the page and scrolls sideways only inside itself.
    const table = h('table', {class: 'compare-table'},
      h('thead', {}, h('tr', {}, h('th', {class: 'indicator-col', scope: 'col'}, 'Chỉ số'),
        p.rows.map(r => h('th', {scope: 'col', class: 'ward-head'}, r.ward, r.province ? h('div', {class: 'muted small'}, r.province) : null)))),
      h('tbody', {}, indicators.map(ind => h('tr', {},
        h('th', {class: 'indicator-col', scope: 'row', title: ind.id}, ind.label, ind.unit ? h('span', {class: 'unit'}, ' (' + ind.unit + ')') : null),
        p.rows.map(r => compareCell(r.cells[ind.id], ind, c.flags))))));
    // A chart compares wards: only where two or more have a value.
    const charted = indicators.filter(ind => p.rows.filter(r => r.cells[ind.id] && typeof r.cells[ind.id].actual === 'number').length > 1);
    body.replaceChildren(h('div', {class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Bảng so sánh (cuộn ngang)'}, table),
      charted.length ? [h('h3', {}, 'Biểu đồ theo chỉ số'), h('div', {class: 'charts'}, charted.map(ind => barChart(ind, p.rows)))]
                     : h('p', {class: 'muted small'}, 'Chưa có chỉ số nào mà hai phường, xã trở lên cùng báo cáo trong kỳ này: không có biểu đồ so sánh.'));
  }
  renderPeriod();
}

function compareCell(cell, ind, flags) {
  if (!cell) return h('td', {class: 'empty'}, '—');
  const classes = ['num'];
  if (cell.meets_target === false) classes.push('miss');
  if (cell.meets_target === true) classes.push('meet');
  if (cell.outlier) classes.push('outlier');
  if (cell.flags && cell.flags.length) classes.push('flagged');
  const notes = [];
  if (cell.outlier) notes.push(`Giá trị bất thường so với các phường, xã khác (z = ${formatNumber(cell.robust_z)})`);
  for (const i of cell.flags || []) if (flags[i]) notes.push(flags[i].explanation);
  if (cell.source && cell.source.path) notes.push(`Nguồn: ${baseName(cell.source.path)}, dòng ${cell.source.line}`);
  const cmp = (cell.comparator || '').replace('>=', '≥').replace('<=', '≤');
  return h('td', {class: classes.join(' '), title: notes.join('\n') || null},
    h('span', {class: 'value'}, cell.actual !== null ? formatValue(cell.actual, ind.unit === '%' ? '%' : '') : '—'),
    cell.outlier ? h('span', {class: 'mark', 'aria-label': 'bất thường'}, ' ⚠') : null,
    cell.flags && cell.flags.length ? h('span', {class: 'mark', 'aria-label': 'có phát hiện'}, ' ⚑') : null,
    cell.target !== null ? h('div', {class: 'target'}, 'CT: ' + (cmp ? cmp + ' ' : '') + formatNumber(cell.target)) : null,
    cell.rank ? h('div', {class: 'rank'}, 'hạng ' + cell.rank) : null);
}

function barChart(ind, rows) {
  const values = rows.map(r => ({ward: r.ward, cell: r.cells[ind.id]})).filter(v => v.cell && typeof v.cell.actual === 'number');
  values.sort((a, b) => (b.cell.actual - a.cell.actual) * (ind.direction === 'lower' ? -1 : 1));
  const max = Math.max(...values.map(v => Math.abs(v.cell.actual)), ...values.map(v => Math.abs(v.cell.target || 0)), 1e-9);
  return h('figure', {class: 'chart'},
    h('figcaption', {}, ind.label, ind.unit ? ` (${ind.unit})` : '',
      ind.median !== null ? h('span', {class: 'muted small'}, ` · trung vị ${formatNumber(ind.median)}`) : null),
    values.map(v => {
      const bar = h('span', {class: 'bar' + (v.cell.outlier ? ' outlier' : '') + (v.cell.meets_target === false ? ' miss' : '')});
      bar.style.width = (100 * Math.abs(v.cell.actual) / max).toFixed(2) + '%';
      const track = h('span', {class: 'track'}, bar);
      if (typeof v.cell.target === 'number') {
        const t = h('span', {class: 'target-line', title: 'Chỉ tiêu ' + formatNumber(v.cell.target)});
        t.style.left = (100 * Math.abs(v.cell.target) / max).toFixed(2) + '%';
        track.append(t);
      }
      return h('div', {class: 'bar-row'}, h('span', {class: 'bar-label'}, v.ward), track,
        h('span', {class: 'bar-value'}, formatValue(v.cell.actual, ind.unit === '%' ? '%' : ''), v.cell.outlier ? ' ⚠' : ''));
    }));
}

// ---- start -------------------------------------------------------------------------------------

// A token handed over in the address (#token=..., as `baocao serve` prints it) is kept for this
// tab and removed from the address, so it is neither bookmarked nor shown.
function takeTokenFromAddress() {
  const m = /^#token=([^&]+)/.exec(location.hash);
  if (!m) return false;
  setToken(decodeURIComponent(m[1]));
  history.replaceState(null, '', location.pathname + '#/');
  route();
  return true;
}

// A download link is a plain link, which sends no token: where one is set (a server reached
// through a proxy or from another machine needs it even to read), the file is fetched with it
// and handed to the browser as the link's download.
async function downloadWithToken(link) {
  try {
    const r = await fetch(link.getAttribute('href'), {headers: authHeaders()});
    if (!r.ok) throw new Error(r.status === 401 ? 'Mã truy cập không đúng hoặc đã hết hạn.' : 'Máy chủ trả lỗi ' + r.status + '.');
    const url = URL.createObjectURL(await r.blob());
    const a = h('a', {href: url, download: link.getAttribute('download') || ''});
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (e) {
    notice('Không tải được tệp: ' + e.message, 'error');
  }
}

function start() {
  setToken(token);
  document.addEventListener('click', e => {
    const link = e.target.closest && e.target.closest('a[download]');
    if (!link || !token || link.href.startsWith('blob:') || !link.getAttribute('href').startsWith('api/')) return;
    e.preventDefault();
    downloadWithToken(link);
  });
  document.getElementById('token-form').addEventListener('submit', e => {
    e.preventDefault();
    setToken(document.getElementById('token-input').value);
    notice(token ? 'Đã lưu mã truy cập cho thẻ này.' : 'Đã xóa mã truy cập.', 'ok');
  });
  window.addEventListener('hashchange', route);
  route();
}

start();
