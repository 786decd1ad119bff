export { maskedSoftmax, MASKED_SCORE } from './masked-softmax.js';
export { RcAttention, type RcAttentionArgs } from './attention-layer.js';
export { RcLuongAttention, luongAttention, LUONG_MODES, DEFAULT_LUONG_INITIALIZER, type LuongMode, type RcLuongAttentionArgs } from './luong-attention.js';
export { RcBahdanauAttention, bahdanauAttention, DEFAULT_BAHDANAU_INITIALIZER, type RcBahdanauAttentionArgs } from './bahdanau-attention.js';
export { RcPaddingMask, paddingMask, type RcPaddingMaskArgs } from './padding-mask.js';
export { RcBahdanauDecoder, DECODER_CELLS, type DecoderCell, type RcBahdanauDecoderArgs, type BahdanauStep } from './bahdanau-decoder.js';
export { RcAppendVector } from './append-vector.js';
