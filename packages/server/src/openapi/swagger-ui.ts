import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Hono } from 'hono'

/**
 * Swagger UI at `/api-docs`, with its assets served by this server from `swagger-ui-dist` (no
 * CDN: it works offline and behind firewalls).
 */
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Conto API</title>
    <link rel="icon" type="image/png" href="/api-docs/favicon-32x32.png" />
    <link rel="stylesheet" href="/api-docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api-docs/swagger-ui-bundle.js"></script>
    <script src="/api-docs/swagger-ui-standalone-preset.js"></script>
    <script src="/api-docs/init.js"></script>
  </body>
</html>
`

const init = `window.ui = SwaggerUIBundle({
  url: '/api/openapi',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
})
`

export function mountSwaggerUi(app: Hono<{ Variables: { requestId: string } }>): void {
  const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const cache = new Map<string, Uint8Array>()
  app.get('/api-docs', (c) => c.html(page))
  app.get('/api-docs/init.js', (c) =>
    c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  )
  app.get('/api-docs/:asset', (c) => {
    const asset = c.req.param('asset')
    const type = assets[asset]
    if (!type) return c.notFound()
    let content = cache.get(asset)
    if (!content) {
      content = new Uint8Array(readFileSync(join(distDir, asset)))
      cache.set(asset, content)
    }
    return c.body(content as unknown as ArrayBuffer, 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    })
  })
}
