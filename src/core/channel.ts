/**
 * The one channel selector of vesselprint: the grey image that segmentation, the U-Net,
 * radiomics, quality control and the notebooks work on.
 */
import { VesselprintError, oneOf } from './errors.js';
import { getChannel, toGray, type Image2D } from './image.js';

/**
 * A channel by name — 'auto': green for a colour image, the only channel of a grey one;
 * 'green' (highest vessel contrast in fundus photographs, Fraz et al. 2012,
 * doi:10.1016/j.cmpb.2012.03.009), 'red', 'blue': that channel of a colour image;
 * 'gray': ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B — or by 0-based index.
 * A grey image (one or two channels) gives its channel 0 for every name.
 */
export type ChannelName = 'auto' | 'green' | 'red' | 'blue' | 'gray';
export type ChannelChoice = ChannelName | number;
export const CHANNEL_NAMES: readonly ChannelName[] = ['auto', 'green', 'red', 'blue', 'gray'];

const INDEX: Record<'red' | 'green' | 'blue', number> = { red: 0, green: 1, blue: 2 };

/**
 * Returns the chosen channel as a float32 one-channel image (values unchanged, e.g. 0–255).
 * @param choice a {@link ChannelName} or a 0-based index (default 'auto')
 * @throws VesselprintError BAD_ARGUMENT for an unknown name or an index the image lacks
 * @example selectChannel(rgbFundus, 'green').channels // 1
 */
export function selectChannel(img: Image2D, choice: ChannelChoice = 'auto'): Image2D<Float32Array> {
  if (typeof choice === 'number') {
    if (!Number.isInteger(choice) || choice < 0 || choice >= img.channels) {
      throw new VesselprintError('BAD_ARGUMENT', `channel ${choice} does not exist in a ${img.channels}-channel image`, {
        field: 'channel',
      });
    }
    return getChannel(img, choice);
  }
  const c = oneOf('channel', choice, CHANNEL_NAMES);
  if (img.channels < 3) return getChannel(img, 0);
  if (c === 'gray') return toGray(img);
  return getChannel(img, c === 'auto' ? INDEX.green : INDEX[c]);
}

/**
 * Parses a command-line channel (`auto | green | red | blue | gray | 0 | 1 | 2 | 3`) for an
 * image with `channels` channels; a colour name asked of a grey image is an error here (the
 * user asked for something the file lacks).
 * @example parseChannel('green', 3) // 'green'
 * @throws VesselprintError BAD_ARGUMENT (field `channel`)
 */
export function parseChannel(text: string, channels: number): ChannelChoice {
  const v = text.trim().toLowerCase();
  if (/^[0-3]$/.test(v)) {
    const k = Number(v);
    if (k >= channels)
      throw new VesselprintError('BAD_ARGUMENT', `channel ${k} does not exist in a ${channels}-channel image`, { field: 'channel' });
    return k;
  }
  if (!(CHANNEL_NAMES as readonly string[]).includes(v)) {
    throw new VesselprintError('BAD_ARGUMENT', `expected ${CHANNEL_NAMES.join(', ')} or a channel index 0–3, got "${text}"`, {
      field: 'channel',
    });
  }
  const name = v as ChannelName;
  if ((name === 'green' || name === 'red' || name === 'blue') && channels < 3) {
    throw new VesselprintError(
      'BAD_ARGUMENT',
      `--channel ${name} needs a colour image, this one has ${channels} channel(s); use gray or 0`,
      { field: 'channel' },
    );
  }
  return name;
}
