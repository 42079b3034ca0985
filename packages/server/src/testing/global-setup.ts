/**
 * Vitest globalSetup of the server's tests: one throwaway PostgreSQL cluster for the run, its URL
 * handed to the tests as `inject('postgresUrl')`, stopped afterwards.
 */
import type { TestProject } from 'vitest/node';
import { startCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
