import { bundleExportCommand } from '@recurrent/cli-kit';
import { exportSentimentBundle, loadSentimentBundle } from '../../sentiment-bundle.js';
import { resolveSentimentConfig, DEFAULT_SENTIMENT_CONFIG } from '../../config.js';

/** `sentiment export --model <runDir|bundle> --out <dir>`. @example `yargs.command(exportCommand)` */
export const exportCommand = bundleExportCommand({
  example: ['$0 export --model runs/sst2 --out models/sst2', 'export the best SST-2 model'],
  load: loadSentimentBundle,
  write: (bundle, out, logger) => {
    const { data: _data, ...rest } = bundle.hyperParameters;
    const known = Object.fromEntries(Object.entries(rest).filter(([key]) => key in DEFAULT_SENTIMENT_CONFIG));
    return exportSentimentBundle(bundle.model, out, {
      config: resolveSentimentConfig(known),
      vocab: bundle.vocab,
      labels: bundle.labels,
      data: bundle.data,
      metrics: bundle.metrics,
      description: `exported from ${bundle.dir}`,
      logger,
    });
  },
});
