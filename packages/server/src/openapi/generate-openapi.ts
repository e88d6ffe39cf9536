import {
  commonErrorCodes,
  type ErrorCode,
  endpointList,
  errorCodeDescriptions,
  errorResponseSchema,
  type RegisteredEndpoint,
  statusByErrorCode,
} from '@conto/schemas'
import { z } from 'zod'

/**
 * The OpenAPI 3.1 document, generated from the endpoint registry and the same zod schemas the
 * routes validate with: every endpoint with its security, scopes, rate-limit class, parameters,
 * request body, success response and error responses.
 */
export function generateOpenApi(
  options: { serverUrl?: string; version?: string } = {},
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const endpoint of endpointList) {
    paths[endpoint.path] = {
      ...paths[endpoint.path],
      [endpoint.method.toLowerCase()]: operationOf(endpoint),
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Conto API',
      version: options.version ?? '1.1.0',
      description:
        'The Conto control plane for money that AI agents spend. Organization routes (`/api/*`) take organization API keys (`conto_…`); agent routes (`/api/sdk/*`) take agent SDK keys (`conto_agent_…`). Errors are `{ error, code, requestId, ...extra }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      ...(options.serverUrl ? [{ url: options.serverUrl, description: 'This server' }] : []),
      { url: 'https://conto.finance', description: 'Hosted Conto' },
    ],
    tags: [...new Set(endpointList.map((endpoint) => endpoint.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        orgApiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Organization API key: `conto_` + 64 hex characters.',
        },
        agentSdkKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Agent SDK key: `conto_agent_` + 64 hex characters.',
        },
      },
      schemas: {
        ErrorResponse: jsonSchema(errorResponseSchema, 'output'),
      },
    },
  }
}

function operationOf(endpoint: RegisteredEndpoint): Record<string, unknown> {
  const kinds = endpoint.keyKinds as readonly string[]
  const security = [
    ...(kinds.includes('org') ? [{ orgApiKey: [] }] : []),
    ...(kinds.includes('agent') || kinds.includes('adminAgent') ? [{ agentSdkKey: [] }] : []),
  ]
  const operation: Record<string, unknown> = {
    operationId: endpoint.id,
    summary: endpoint.summary,
    tags: [endpoint.tag],
    security,
    'x-scopes': [...endpoint.scopes],
    'x-rate-limit-class': endpoint.rateLimit,
    ...(endpoint.testModeOnly ? { 'x-test-mode-only': true } : {}),
    ...(endpoint.description ? { description: endpoint.description } : {}),
  }
  const parameters = [
    ...parametersOf(endpoint.params, 'path'),
    ...parametersOf(endpoint.query, 'query'),
  ]
  if (parameters.length > 0) operation['parameters'] = parameters
  if (endpoint.body) {
    operation['requestBody'] = {
      required: true,
      content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } },
    }
  }
  const responses: Record<string, unknown> = {
    [String(endpoint.successStatus)]: {
      description: endpoint.summary,
      content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } },
    },
  }
  const codes: ErrorCode[] = [
    ...(kinds.length > 0
      ? commonErrorCodes
      : (['VALIDATION_ERROR', 'NOT_FOUND', 'RATE_LIMITED', 'INTERNAL_ERROR'] as const)),
    ...endpoint.errors,
  ]
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of codes) {
    const status = statusByErrorCode[code]
    if (status === 0) continue
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])])
  }
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: statusCodes
        .map((code) => `\`${code}\`: ${errorCodeDescriptions[code]}`)
        .join('\n\n'),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    }
  }
  operation['responses'] = responses
  return operation
}

function parametersOf(schema: z.core.$ZodType | undefined, location: 'path' | 'query'): unknown[] {
  if (!schema) return []
  const json = jsonSchema(schema, 'input') as {
    properties?: Record<string, unknown>
    required?: string[]
  }
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }))
}

function jsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>
  return rest
}
