// Files over the WebSocket: uploads (button, drag-and-drop, paste) with a progress bar and a
// SHA-256 computed in the browser, downloads assembled from `file_data` into a Blob and checked
// against the announced SHA-256, and image thumbnails shown only once the checksum matched.
import { el } from './dom.js';

const IMAGE = /\.(png|jpe?g|gif|webp|bmp)$/i;
const AUTO_THUMBNAIL_BYTES = 2 * 1024 * 1024;
const EXPLAINED = {
  quota_exceeded: 'no room left: this file would pass your file quota or the server\'s',
  too_large: 'this file is larger than the server accepts',
  bad_checksum: 'the file was damaged on the way; try again',
};

/** A short label for a file's icon: its extension, else "FILE". */
function fileBadge(name) {
  const match = /\.([A-Za-z0-9]{1,4})$/.exec(name || '');
  return match ? match[1].toUpperCase() : 'FILE';
}

export function formatSize(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

export async function sha256Hex(buffer) {
  if (!crypto.subtle) throw { code: 'insecure', message: 'file transfer needs https (or localhost) for SHA-256' };
  const digest = await crypto.subtle.digest('SHA-256', buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class Files {
  /** @param connection the Connection; @param uploads the element that lists running uploads */
  constructor(connection, uploads) {
    this.connection = connection;
    this.uploads = uploads;
    this.downloads = new Map(); // file_id -> {chunks, received, size, progress, done}
    this.results = new Map();   // file_id -> {url, sha256, verified}
    this.views = new Map();     // file_id -> the item on the page
  }

  /** Uploads one File into a room, showing its progress and any error inline. */
  async upload(room, file) {
    const progress = el('progress', { max: String(Math.max(file.size, 1)), value: '0', 'aria-label': 'upload of ' + file.name });
    const status = el('span', { class: 'status', text: 'checking…' });
    const row = el('li', { class: 'upload' }, el('span', { class: 'name', text: file.name + ' (' + formatSize(file.size) + ')' }),
        progress, status);
    this.uploads.append(row);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sha256 = await sha256Hex(bytes);
      status.textContent = 'uploading…';
      const put = await this.connection.request('file_put', { room, name: file.name || 'pasted', size: bytes.length, sha256 });
      let offset = 0;
      while (offset < bytes.length) {
        const end = Math.min(offset + put.chunk_size, bytes.length);
        await this.connection.request('file_chunk', { file_id: put.file_id, offset, data: toBase64(bytes.subarray(offset, end)) });
        offset = end;
        progress.value = offset;
      }
      status.textContent = 'uploaded';
      row.classList.add('done');
      setTimeout(() => row.remove(), 4000);
    } catch (error) {
      row.classList.add('failed');
      status.textContent = EXPLAINED[error.code] || ('upload failed: ' + (error.message || error.code));
      status.setAttribute('role', 'alert');
      row.append(el('button', { type: 'button', class: 'link', text: 'dismiss', onclick: () => row.remove() }));
    }
  }

  /** The page item of a shared file: name, size, a download button with progress, a thumbnail for images. */
  item(file) {
    const progress = el('progress', { max: String(Math.max(file.size, 1)), value: '0', hidden: true,
      'aria-label': 'download of ' + file.name });
    const status = el('span', { class: 'status' });
    const thumb = el('div', { class: 'thumb' });
    const download = el('button', { type: 'button', class: 'link download', text: 'download',
      'aria-label': 'download ' + file.name, onclick: () => this.save(file) });
    const item = el('li', { class: 'file', dataset: { key: 'f' + file.file_id, fileId: file.file_id } },
        el('span', { class: 'avatar file-icon', 'aria-hidden': 'true', text: fileBadge(file.name) }),
        el('div', { class: 'body' },
            el('div', { class: 'meta' }, el('span', { class: 'from', text: file.from }),
                el('span', { class: 'shared', text: ' shared a file' })),
            el('div', { class: 'file-card' }, el('span', { class: 'file-name', text: file.name }),
                el('span', { class: 'file-size', text: formatSize(file.size) }), download),
            progress, status, thumb));
    item.parts = { progress, status, thumb };
    this.views.set(file.file_id, item);
    const result = this.results.get(file.file_id);
    if (result) this.showResult(file, result);
    else if (IMAGE.test(file.name) && file.size <= AUTO_THUMBNAIL_BYTES) this.fetch(file).catch(() => {});
    return item;
  }

  /** Downloads (once) and hands the verified Blob to the browser as a file. */
  async save(file) {
    const result = await this.fetch(file).catch(() => null);
    if (!result || !result.verified) return;
    const link = el('a', { href: result.url, download: file.name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  fetch(file) {
    const known = this.results.get(file.file_id);
    if (known) return Promise.resolve(known);
    const running = this.downloads.get(file.file_id);
    if (running) return running.done;
    const download = { chunks: [], received: 0, size: file.size };
    download.done = new Promise((resolve, reject) => { download.resolve = resolve; download.reject = reject; });
    this.downloads.set(file.file_id, download);
    this.progress(file.file_id, 0, 'downloading…');
    this.connection.request('file_get', { file_id: file.file_id }).then((ok) => {
      download.sha256 = ok.sha256;
      download.type = IMAGE.test(ok.name) ? 'image/' + ok.name.split('.').pop().toLowerCase().replace('jpg', 'jpeg') : '';
      if (download.last) this.finish(file, download);
    }, (error) => this.fail(file, download, error));
    return download.done;
  }

  /** A `file_data` event: one chunk of a running download, in order. */
  onData(event) {
    const download = this.downloads.get(event.file_id);
    if (!download) return;
    if (event.data) {
      const bytes = fromBase64(event.data);
      download.chunks.push(bytes);
      download.received += bytes.length;
    }
    this.progress(event.file_id, download.received, 'downloading…');
    if (event.last) {
      download.last = true;
      if (download.sha256 !== undefined) this.finish({ file_id: event.file_id }, download);
    }
  }

  async finish(file, download) {
    this.downloads.delete(file.file_id);
    const blob = new Blob(download.chunks, { type: download.type || 'application/octet-stream' });
    const sha256 = await sha256Hex(await blob.arrayBuffer());
    const verified = sha256 === download.sha256;
    const result = { url: verified ? URL.createObjectURL(blob) : null, sha256, verified, image: !!download.type };
    this.results.set(file.file_id, result);
    this.showResult(file, result);
    if (verified) download.resolve(result); else download.reject({ code: 'bad_checksum', message: 'checksum mismatch' });
  }

  fail(file, download, error) {
    this.downloads.delete(file.file_id);
    this.progress(file.file_id, 0, 'download failed: ' + (error.message || error.code));
    download.reject(error);
  }

  progress(fileId, received, text) {
    const item = this.views.get(fileId);
    if (!item || !item.isConnected) return;
    item.parts.progress.hidden = false;
    item.parts.progress.value = received;
    item.parts.status.textContent = text;
  }

  showResult(file, result) {
    const item = this.views.get(file.file_id);
    if (!item) return;
    item.dataset.sha256 = result.sha256;
    item.parts.progress.hidden = true;
    item.parts.progress.value = item.parts.progress.max;
    item.parts.status.textContent = result.verified ? 'SHA-256 verified' : 'checksum mismatch: not shown';
    item.classList.toggle('verified', result.verified);
    if (result.verified && result.image && !item.parts.thumb.firstChild) {
      item.parts.thumb.append(el('img', { src: result.url, alt: file.name || 'image', class: 'thumbnail' }));
    }
  }
}
