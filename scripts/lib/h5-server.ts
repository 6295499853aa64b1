import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { extname, join, normalize, resolve } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
}

/**
 * Serves the mini-program's H5 build and forwards `/v1/*` to the API, so the page calls the API
 * same-origin (as a deployed H5 behind one domain would). Unknown paths fall back to index.html.
 */
export function startH5Server(opts: { root: string; port: number; apiUrl: string }): Promise<{ url: string; server: Server }> {
  const root = resolve(opts.root)
  const api = new URL(opts.apiUrl)
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://h5')
    if (url.pathname.startsWith('/v1/')) {
      const upstream = request(
        { hostname: api.hostname, port: api.port, path: req.url, method: req.method, headers: { ...req.headers, host: api.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          up.pipe(res)
        },
      )
      upstream.on('error', () => {
        res.writeHead(502, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { code: 'api.unreachable', message: '服务未启动，请稍后重试' } }))
      })
      req.pipe(upstream)
      return
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname)))
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    })
    createReadStream(file).pipe(res)
  })
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      resolvePromise({ url: `http://127.0.0.1:${port}`, server })
    })
  })
}
