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
    unsupported_media_type: 'Không phải tệp văn bản hoặc PDF.',
    binary: 'Không phải tệp văn bản hoặc PDF.',
    invalid_encoding: 'Không đọc được bảng mã của tệp văn bản.',
    corrupt: 'Tệp PDF bị hỏng, không đọc được.',
    encrypted: 'Tệp PDF được khóa bằng mật khẩu.',
    no_text: 'PDF chỉ có ảnh quét, không có lớp chữ.',
    empty: 'Tệp rỗng.',
    timeout: 'Trích xuất quá thời gian cho phép.',
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
  if (err instanceof ApiError) return (LABELS.error[err.code] || 'Lỗi ' + err.status + '.') + ' (' + err.message + ')';
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
    h('ul', {class: 'uploads', id: 'upload-list'}));
  for (const ev of ['dragenter', 'dragover']) {
    zone.addEventListener(ev, e => { e.preventDefault(); zone.classList.add('over'); });
  }
  for (const ev of ['dragleave', 'drop']) {
    zone.addEventListener(ev, e => { e.preventDefault(); zone.classList.remove('over'); });
  }
  zone.addEventListener('drop', e => queueFiles(e.dataTransfer.files));

  const search = h('input', {type: 'search', id: 'search', placeholder: 'Tìm theo tệp, phường, tỉnh, số, tiêu đề (có dấu hay không)', value: listState.q});
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
      h('div', {id: 'pager', class: 'pager'}),
      h('p', {class: 'downloads small'}, 'Tải về: ',
        'danh sách tài liệu (', h('a', {href: 'api/documents.csv', download: 'baocao-tai-lieu.csv'}, 'CSV'), ', ',
        h('a', {href: 'api/documents.xlsx', download: 'baocao-tai-lieu.xlsx'}, 'Excel'), ') · ',
        h('a', {href: 'api/export.csv', download: 'baocao-so-lieu.csv'}, 'số liệu (CSV)'), ' · ',
        'đánh giá phát hiện (', h('a', {href: 'api/reviews.csv', download: 'baocao-danh-gia.csv'}, 'CSV'), ', ',
        h('a', {href: 'api/reviews.xlsx', download: 'baocao-danh-gia.xlsx'}, 'Excel'), ')')));
  for (const u of uploads) document.getElementById('upload-list').append(u.item);
  loadDocuments();
  if (maxUpload === null) {
    api('api/status').then(r => r.json()).then(s => { maxUpload = s.max_upload; }).catch(() => {});
  }
}

let maxUpload = null;   // bytes, from api/status: a larger file is refused here, not sent

function queueFiles(files) {
  const list = document.getElementById('upload-list');
  for (const file of files) {
    const bar = h('progress', {max: 1, value: 0});
    const status = h('span', {class: 'upload-status'}, 'Đang chờ…');
    const item = h('li', {class: 'upload'}, h('span', {class: 'upload-name'}, file.name), bar, status);
    list.prepend(item);
    const upload = {file, item, bar, status};
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

function sendFile(u) {
  return new Promise(resolve => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'api/documents');
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
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
      resolve();
    });
    xhr.addEventListener('error', () => {
      u.item.classList.remove('sending');
      u.item.classList.add('failed');
      u.status.textContent = 'Mất kết nối tới máy chủ (máy chủ có thể đã từ chối tệp: hãy kiểm tra mã truy cập và dung lượng tệp).';
      resolve();
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
];

function flagParams(extra) {
  const params = new URLSearchParams(extra || {});
  for (const [key] of FACETS) if (flagState[key]) params.set(key, flagState[key]);
  if (flagState.q) params.set('q', flagState.q);
  return params;
}

function showFlags() {
  view().replaceChildren(h('section', {class: 'documents', id: 'flag-list-view'},
    h('div', {class: 'section-head'}, h('h2', {}, 'Phát hiện trên mọi tài liệu')),
    h('div', {id: 'flag-facets', class: 'filters facets'}),
    h('div', {id: 'flag-list', class: 'document-list'}, h('p', {class: 'muted'}, 'Đang tải…')),
    h('div', {id: 'flag-pager', class: 'pager'})));
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

// ---- one document: text, facts, flags ----------------------------------------------------------

async function showDocument(id) {
  view().replaceChildren(h('p', {class: 'muted'}, 'Đang tải tài liệu…'));
  let x, pages;
  try {
    x = await (await api('api/documents/' + id)).json();
    // A PDF's pages, and a Word file's text, are what the spans point into, not the file's bytes.
    if (x.document.format === 'pdf' || x.document.format === 'docx') {
      const p = await (await api(`api/documents/${id}/pages`)).json();
      const encoder = new TextEncoder();
      pages = p.pages.map(pg => ({number: pg.number, bytes: encoder.encode(pg.text), encoding: 'utf-8', hasText: pg.has_text_layer}));
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
  x.facts.forEach((f, i) => marks.push({start: f.span.start, end: f.span.end, page: f.span.page, fact: i}));
  for (const f of flags) {
    f.evidence.forEach((e, j) => marks.push({start: e.start, end: e.end, page: e.page, evidence: `f${f.index}e${j}`, flag: f.index}));
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

  const text = h('section', {class: 'doc-text', id: 'doc-text', 'aria-label': 'Nội dung tài liệu'},
    h('div', {class: 'legend'}, h('span', {class: 'hl fact'}, 'số liệu đã nhận diện'), ' ', h('span', {class: 'hl flagged'}, 'số liệu có phát hiện')),
    pages.map(p => renderPage(p, marks.filter(m => (m.page ?? null) === p.number), x)));

  const panel = h('aside', {class: 'flags', id: 'flags', 'aria-label': 'Phát hiện'},
    h('h3', {}, flags.length ? `Phát hiện (${flags.length})` : 'Không có phát hiện'),
    flags.length ? null : h('p', {class: 'muted', id: 'no-flag-note'}, noFlagNote(x)),
    flags.map(f => renderFlag(f, pages.length > 1 || pages[0].number !== null)));

  // replaceChildren writes a null as the text "null": a document with no fact has no table.
  view().replaceChildren(...[title, h('div', {class: 'doc-body'}, panel, text), renderFacts(x)].filter(Boolean));
  document.title = name + ' · baocao';
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

function metaItem(label, value) {
  return [h('dt', {}, label), h('dd', {}, value || '—')];
}

// The page's bytes cut at every mark boundary; each piece decoded in order (a streaming
// decoder, so the cuts, which are byte offsets, never split a character's decoding) and wrapped
// in the marks that cover it.
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
  const pre = h('pre', {class: 'source'});
  let open = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    open = open.filter(m => m.end > a).concat(starting.get(a) || []);
    // NFC for display only: a document typed with combining marks shows its letters whole.
    const piece = decoder.decode(bytes.subarray(a, b), {stream: true}).normalize('NFC');
    if (!open.length) {
      pre.append(piece);
      continue;
    }
    const facts = open.filter(m => m.fact !== undefined);
    const evidence = open.filter(m => m.evidence !== undefined);
    const span = h('span', {class: 'hl' + (facts.length ? ' fact' : '') + (evidence.length ? ' flagged' : ''),
                            'data-evidence': evidence.map(m => m.evidence).join(' ') || null,
                            'data-flags': [...new Set(evidence.map(m => m.flag))].join(' ') || null}, piece);
    if (facts.length) {
      const f = x.facts[facts[0].fact];
      span.title = `${f.indicator} · ${LABELS.role[f.role] || f.role}: ${formatValue(f.value, f.unit)}` +
                   (f.period ? ` · ${periodWords(f.period)}` : '') + (f.label ? `\n${f.label}` : '');
    }
    if (evidence.length) {
      span.tabIndex = 0;
      span.addEventListener('click', () => selectFlag(evidence[0].flag, null, false));
    }
    pre.append(span);
  }
  pre.append(decoder.decode());
  const section = h('div', {class: 'page', 'data-page': page.number ?? null});
  if (page.number !== null) {
    section.append(h('h4', {class: 'page-no'}, 'Trang ' + page.number + (page.hasText ? '' : ' (ảnh quét, không có chữ)')));
  }
  section.append(pre);
  return section;
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
  for (const el of document.querySelectorAll('.hl.active, .flag.active')) el.classList.remove('active');
  const card = document.getElementById('flag-' + flagIndex);
  if (card) card.classList.add('active');
  const selector = evidenceId ? `.hl[data-evidence~="${evidenceId}"]` : `.hl[data-flags~="${flagIndex}"]`;
  const pieces = [...document.querySelectorAll(selector)];
  for (const el of pieces) el.classList.add('active');
  if (scrollText && pieces.length) pieces[0].scrollIntoView({block: 'center', behavior: 'smooth'});
  else if (!scrollText && card) card.scrollIntoView({block: 'nearest', behavior: 'smooth'});
}

function renderFacts(x) {
  if (!x.facts.length) return null;
  return h('details', {class: 'facts'},
    h('summary', {}, `Bảng số liệu đã nhận diện (${x.facts.length})`),
    h('div', {class: 'table-wrap'}, h('table', {class: 'fact-table'},
      h('thead', {}, h('tr', {}, ['Chỉ số', 'Vai trò', 'Giá trị', 'Kỳ', 'Vị trí', 'Nguyên văn'].map(t => h('th', {}, t)))),
      h('tbody', {}, x.facts.map(f => h('tr', {},
        h('td', {'data-label': 'Chỉ số'}, h('code', {}, f.indicator), f.label ? h('div', {class: 'muted small'}, f.label) : null),
        h('td', {'data-label': 'Vai trò'}, LABELS.role[f.role] || f.role),
        h('td', {'data-label': 'Giá trị', class: 'num'}, (f.comparator ? f.comparator.replace('>=', '≥').replace('<=', '≤') + ' ' : '') + formatValue(f.value, f.unit)),
        h('td', {'data-label': 'Kỳ'}, periodWords(f.period) || '—'),
        h('td', {'data-label': 'Vị trí'}, (f.span.page ? `trang ${f.span.page}, ` : '') + `dòng ${f.span.line}`),
        h('td', {'data-label': 'Nguyên văn'}, h('q', {}, f.span.text))))))));
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
    const table = h('table', {class: 'compare-table'},
      h('thead', {}, h('tr', {}, h('th', {class: 'ward-col'}, 'Phường, xã'),
        indicators.map(ind => h('th', {title: ind.id}, ind.label, ind.unit ? h('span', {class: 'unit'}, ' (' + ind.unit + ')') : null)))),
      h('tbody', {}, p.rows.map(r => h('tr', {},
        h('th', {class: 'ward-col', scope: 'row'}, r.ward, r.province ? h('div', {class: 'muted small'}, r.province) : null),
        indicators.map(ind => compareCell(r.cells[ind.id], ind, c.flags))))));
    const charts = h('div', {class: 'charts'}, indicators.filter(ind => ind.values > 0).map(ind => barChart(ind, p.rows)));
    body.replaceChildren(h('div', {class: 'table-wrap'}, table), h('h3', {}, 'Biểu đồ theo chỉ số'), charts);
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

function start() {
  setToken(token);
  document.getElementById('token-form').addEventListener('submit', e => {
    e.preventDefault();
    setToken(document.getElementById('token-input').value);
    notice(token ? 'Đã lưu mã truy cập cho thẻ này.' : 'Đã xóa mã truy cập.', 'ok');
  });
  window.addEventListener('hashchange', route);
  route();
}

start();
