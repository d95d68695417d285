/**
 * Channel selection: the grey image the vessel filters work on.
 */
import type { Image2D } from '../core/image.js';
import { getChannel, toGray } from '../core/image.js';
import { oneOf } from '../core/errors.js';

/**
 * 'green': the green channel of an RGB image (highest vessel contrast in fundus photographs,
 * e.g. Fraz et al. 2012, doi:10.1016/j.cmpb.2012.03.009); 'luminance': ITU-R BT.601 luma;
 * 'red' / 'blue': that channel; 'auto': green for RGB(A), the only channel for grey images.
 */
export type ChannelChoice = 'auto' | 'green' | 'luminance' | 'red' | 'blue';
export const CHANNEL_CHOICES: readonly ChannelChoice[] = ['auto', 'green', 'luminance', 'red', 'blue'];

/**
 * Returns the chosen channel as a float32 one-channel image (values unchanged, e.g. 0–255).
 * A grey image is returned as is (as float32) for every choice.
 * @example selectChannel(rgbFundus, 'green').channels // 1
 * @throws VesselprintError BAD_ARGUMENT for an unknown choice
 */
export function selectChannel(img: Image2D, choice: ChannelChoice = 'auto'): Image2D<Float32Array> {
  const c = oneOf('channel', choice, CHANNEL_CHOICES);
  if (img.channels < 3) return getChannel(img, 0);
  switch (c) {
    case 'auto':
    case 'green':
      return getChannel(img, 1);
    case 'red':
      return getChannel(img, 0);
    case 'blue':
      return getChannel(img, 2);
    case 'luminance':
      return toGray(img);
  }
}
