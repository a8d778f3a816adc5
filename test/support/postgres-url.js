/** The PostgreSQL database the `postgres` Jest project runs on (each app makes its own schema in it). */
export const postgresUrl = () => process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
