import { bearerErrors, json, ref, type DocumentArea } from '../common.schemas.js';
import type { Operation, SecurityRequirement } from '../openapi.types.js';

/** A route for tokens issued for a user only; a client's own token is invalid_token there. */
const userToken = (scope: string): SecurityRequirement[] => [{ userToken: [scope] }];

const get = (operationId: string, summary: string, scope: string, schema: string): Operation => ({
  operationId,
  tags: ['Resource API'],
  summary,
  security: userToken(scope),
  responses: { '200': { description: 'OK.', content: json(ref(schema)) }, ...bearerErrors(scope) },
});

/** The demo API: protected resources behind RFC 6750 Bearer tokens, each route with its scope. */
export const RESOURCE_API_AREA: DocumentArea = {
  tag: {
    name: 'Resource API',
    description:
      'RFC 6750: `Authorization: Bearer <access token>` with the scope each route names. Routes act for the ' +
      'token’s user unless they also list clientToken.',
  },
  paths: {
    '/api/profile': { get: get('profile', 'The token’s user', 'profile', 'Profile') },
    '/api/notes': {
      get: get('listNotes', 'The token’s user’s notes', 'notes:read', 'NoteList'),
      post: {
        operationId: 'addNote',
        tags: ['Resource API'],
        summary: 'Add a note for the token’s user',
        security: userToken('notes:write'),
        requestBody: { required: true, content: json(ref('NewNote')) },
        responses: { '201': { description: 'Created.', content: json(ref('Note')) }, ...bearerErrors('notes:write') },
      },
    },
    '/api/stats': {
      get: {
        operationId: 'stats',
        tags: ['Resource API'],
        summary: 'Aggregates over every user’s data',
        description: 'Nothing personal: a client’s own token (client_credentials) is accepted as well.',
        security: [{ userToken: ['notes:read'] }, { clientToken: ['notes:read'] }],
        responses: { '200': { description: 'OK.', content: json(ref('Stats')) }, ...bearerErrors('notes:read') },
      },
    },
  },
  schemas: {
    Profile: {
      type: 'object',
      properties: {
        sub: { type: 'string', description: 'The user id.' },
        username: { type: 'string' },
        name: { type: ['string', 'null'] },
        email: { type: ['string', 'null'] },
      },
      required: ['sub', 'username', 'name', 'email'],
      additionalProperties: false,
    },
    NewNote: {
      type: 'object',
      properties: { text: { type: 'string', minLength: 1, maxLength: 2000 } },
      required: ['text'],
    },
    Note: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        text: { type: 'string' },
        created_at: { type: 'string', format: 'date-time' },
      },
      required: ['id', 'text', 'created_at'],
      additionalProperties: false,
    },
    NoteList: {
      type: 'object',
      properties: { notes: { type: 'array', items: ref('Note'), description: 'Oldest first.' } },
      required: ['notes'],
      additionalProperties: false,
    },
    Stats: {
      type: 'object',
      properties: { notes: { type: 'integer', minimum: 0, description: 'The number of notes of all users.' } },
      required: ['notes'],
      additionalProperties: false,
    },
  },
};
