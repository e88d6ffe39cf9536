import {
  analyticsSchema,
  retrieveAnalyticsQuerySchema,
  retrieveSdkAnalyticsQuerySchema,
} from '../analytics.js'
import { defineEndpoint } from '../endpoint.js'

/** Spend analytics (§2.12, §2.17). */

export const analyticsEndpoints = {
  retrieve: defineEndpoint({
    id: 'analytics.retrieve',
    method: 'GET',
    path: '/api/analytics',
    surface: 'org',
    keyKinds: ['org'],
    scopes: ['analytics:read'],
    rateLimit: 'dashboard',
    query: retrieveAnalyticsQuerySchema,
    response: analyticsSchema,
    successStatus: 200,
    errors: [],
    tag: 'Analytics',
    summary: 'Spend analytics of the organization (or one agent) over a period',
  }),
}

export const sdkAnalyticsEndpoints = {
  retrieve: defineEndpoint({
    id: 'sdkAnalytics.retrieve',
    method: 'GET',
    path: '/api/sdk/analytics',
    surface: 'sdk',
    keyKinds: ['agent'],
    scopes: ['analytics:read'],
    rateLimit: 'sdkRead',
    query: retrieveSdkAnalyticsQuerySchema,
    response: analyticsSchema,
    successStatus: 200,
    errors: [],
    tag: 'SDK Analytics',
    summary: 'Spend analytics of the calling agent over a period',
  }),
}
