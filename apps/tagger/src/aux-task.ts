import * as tf from '@tensorflow/tfjs';
import { createLabelVocab, type Vocab } from '@recurrent/text';
import type { TaggerConfig } from './config.js';
import type { TaggedSentence } from './data.js';

/**
 * An auxiliary tagging task learnt alongside the main one (multi-task learning, as Stanza and
 * UDPipe 2 predict XPOS next to UPOS): a softmax head on the shared BiLSTM features whose loss is
 * added to the main loss during training. It only shapes the shared layers; the exported model
 * has the main head only.
 *
 * @example
 * const aux = buildAuxTask(train.sentences, config); // null unless config.auxColumn is set
 */
export interface AuxTask {
  /** The auxiliary column's labels. */
  readonly vocab: Vocab;
  /** Dense `[2 * hidden] → [labels]`, built. */
  readonly head: tf.layers.Layer;
  readonly weight: number;
}

/**
 * Builds the auxiliary head for `config.auxColumn` from the training sentences' `aux` tags, or
 * returns null when there is none.
 *
 * @example
 * const aux = buildAuxTask(sentences, { ...config, auxColumn: 'XPOS' });
 * aux?.vocab.size; // e.g. 50 Penn tags
 */
export function buildAuxTask(sentences: readonly TaggedSentence[], config: Pick<TaggerConfig, 'auxColumn' | 'auxWeight' | 'hidden' | 'seed'>): AuxTask | null {
  if (config.auxColumn === '') return null;
  const vocab = createLabelVocab([...new Set(sentences.flatMap((s) => s.aux ?? []))].sort());
  const head = tf.layers.dense({ units: vocab.size, name: 'aux_emissions', kernelInitializer: tf.initializers.glorotUniform({ seed: config.seed + 40 }) });
  tf.tidy(() => {
    head.apply(tf.zeros([1, 1, 2 * config.hidden])); // builds the weights
  });
  return { vocab, head, weight: config.auxWeight };
}

/**
 * `[batch, time]` auxiliary tag ids of a batch (0 at padding, masked out of the loss).
 *
 * @example
 * auxTagIds([['NN', 'VBZ']], aux.vocab, 3); // Int32Array [id('NN'), id('VBZ'), 0]
 */
export function auxTagIds(tags: readonly (readonly string[])[], vocab: Vocab, time: number): Int32Array {
  const ids = new Int32Array(tags.length * time);
  tags.forEach((row, b) => row.forEach((tag, t) => (ids[b * time + t] = vocab.encodeToken(tag))));
  return ids;
}

/**
 * Masked softmax cross-entropy of the auxiliary head on `features` `[batch, time, 2 * hidden]`,
 * summed over tokens and averaged over sentences (the scale of the CRF's per-sentence NLL), times
 * the task's weight.
 *
 * @example
 * const loss = auxLoss(aux, features, ids, mask);
 */
export function auxLoss(aux: AuxTask, features: tf.Tensor, ids: Int32Array, mask: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [batch, time] = mask.shape;
    const logits = aux.head.apply(features) as tf.Tensor3D; // [batch, time, labels]
    const gold = tf.oneHot(tf.tensor2d(ids, [batch, time], 'int32'), aux.vocab.size); // [batch, time, labels]
    const logp = tf.sum(tf.mul(gold, tf.logSoftmax(logits)), 2); // [batch, time]
    return tf.mul(tf.div(tf.neg(tf.sum(tf.mul(logp, mask))), batch), aux.weight) as tf.Scalar;
  });
}
