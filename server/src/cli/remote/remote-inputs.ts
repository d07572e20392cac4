import type { RecipeInput } from '@atelier/graph';
import type { CliIO } from '../io';
import { EXIT } from '../run-command';
import { openRemoteWorkflow } from './remote-batch';
import { ServerClient, ServerError } from './server-client';

/**
 * `atelier inputs <library id or name> --server URL`: the recipe's named inputs as that server
 * lists them (GET /api/workflows/:id/inputs), nothing opened or created locally.
 */
export const remoteInputs = async (
  server: string,
  ref: string,
  io: CliIO,
): Promise<{ name: string; inputs: RecipeInput[] } | number> => {
  const client = new ServerClient(server, io.env);
  try {
    const opened = await openRemoteWorkflow(client, ref, io);
    if (!opened) return EXIT.usage;
    const inputs = await client.json<RecipeInput[]>(
      `/api/workflows/${encodeURIComponent(opened.workflowId!)}/inputs`,
    );
    return { name: opened.workflow.name, inputs };
  } catch (error) {
    if (!(error instanceof ServerError)) throw error;
    io.stderr(`${error.message} [${error.code}]`);
    // As for run --server: an unreachable server, a missing token or workflow is a usage error.
    return error.status === 0 || error.status === 401 || error.status === 404
      ? EXIT.usage
      : EXIT.failed;
  }
};
