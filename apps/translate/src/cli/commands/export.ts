import { bundleExportCommand } from '@recurrent/cli-kit';
import { exportTranslateBundle, loadTranslateBundle } from '../../translate-bundle.js';

/** `translate export --model <runDir|bundle> --out <dir>`. @example `yargs.command(exportCommand)` */
export const exportCommand = bundleExportCommand({
  example: ['$0 export --model runs/m30k --out models/m30k-de-en', 'export the best Multi30k model'],
  load: loadTranslateBundle,
  write: (bundle, out, logger) =>
    exportTranslateBundle(bundle.model, out, {
      config: bundle.config,
      vocabs: bundle.vocabs,
      metrics: bundle.metrics,
      description: `exported from ${bundle.dir}`,
      logger,
    }),
});
