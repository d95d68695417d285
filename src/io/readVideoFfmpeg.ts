import { spawn, spawnSync } from 'node:child_process';
import type { Image2D } from '../core/image.js';
import { VesselprintError } from '../core/errors.js';
import type { FrameSource, VideoInfo } from './videoTypes.js';

const INSTALL =
  'install it with `apt-get install ffmpeg` (Debian/Ubuntu), or convert the video to a multi-page TIFF or a folder of numbered frames';

/** True when the `ffmpeg` and `ffprobe` programs are on PATH. */
export function hasFfmpeg(): boolean {
  const a = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' });
  const b = spawnSync('ffprobe', ['-version'], { stdio: 'ignore' });
  return !a.error && a.status === 0 && !b.error && b.status === 0;
}

interface ProbeStream {
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  pix_fmt?: string;
}

/**
 * Opens a video container (AVI, MP4, MOV, MKV, …) through the Debian `ffmpeg` programs: `ffprobe`
 * gives size, frame rate and frame count of the first video stream; `ffmpeg` decodes it to raw
 * frames on a pipe (`-f rawvideo -pix_fmt gray`, or `gray16le` for sources deeper than 8 bits), read
 * frame by frame, so the video is streamed, never loaded whole. Video containers record no pixel spacing.
 *
 * @throws VesselprintError EXTERNAL_TOOL when ffmpeg is missing (naming `apt-get install ffmpeg`) or fails; CORRUPT_FILE when ffprobe finds no video stream
 */
export async function openVideoFfmpeg(path: string): Promise<FrameSource> {
  const probe = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=width,height,r_frame_rate,avg_frame_rate,nb_frames,pix_fmt',
      '-of',
      'json',
      path,
    ],
    { encoding: 'utf8' },
  );
  if (probe.error)
    throw new VesselprintError('EXTERNAL_TOOL', `reading this video needs ffprobe/ffmpeg, which is not installed: ${INSTALL}`, {
      path,
      cause: probe.error,
    });
  if (probe.status !== 0)
    throw new VesselprintError('CORRUPT_FILE', `ffprobe cannot read the file: ${probe.stderr.trim().split('\n').pop() ?? ''}`, { path });
  const st = (JSON.parse(probe.stdout) as { streams?: ProbeStream[] }).streams?.[0];
  if (!st || !st.width || !st.height) throw new VesselprintError('CORRUPT_FILE', 'ffprobe finds no video stream in the file', { path });
  const width = st.width,
    height = st.height;
  const rate = (s: string | undefined): number => {
    const [a, b] = (s ?? '').split('/').map(Number);
    return a! > 0 && b! > 0 ? a! / b! : NaN;
  };
  const fps = Number.isFinite(rate(st.avg_frame_rate)) ? rate(st.avg_frame_rate) : rate(st.r_frame_rate);
  const deep = /(1[0-6]|9)(le|be)$/.test(st.pix_fmt ?? '');
  const info: VideoInfo = {
    path,
    format: 'ffmpeg',
    width,
    height,
    channels: 1,
    fpsSource: Number.isFinite(fps) ? 'ffprobe avg_frame_rate' : 'unknown (ffprobe reports none)',
    spacingSource: 'unknown (video containers record no pixel spacing)',
  };
  if (Number.isFinite(fps)) info.fps = fps;
  const nb = Number(st.nb_frames);
  if (Number.isInteger(nb) && nb > 0) info.frames = nb;
  const bytesPer = deep ? 2 : 1,
    frameBytes = width * height * bytesPer;
  return {
    info,
    async *frames(): AsyncIterable<Image2D> {
      const child = spawn(
        'ffmpeg',
        ['-v', 'error', '-i', path, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', deep ? 'gray16le' : 'gray', '-'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const exited = new Promise<number>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) => resolve(code ?? 1));
      });
      let pending: Buffer = Buffer.alloc(0);
      try {
        for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
          pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
          while (pending.length >= frameBytes) {
            const raw = pending.subarray(0, frameBytes);
            pending = pending.subarray(frameBytes);
            let data: Uint8Array | Uint16Array;
            if (deep) {
              data = new Uint16Array(width * height);
              for (let i = 0; i < data.length; i++) data[i] = raw.readUInt16LE(2 * i);
            } else data = Uint8Array.from(raw);
            yield { data, width, height, channels: 1, bitDepth: deep ? 16 : 8 };
          }
        }
        const code = await exited.catch((e: unknown) => {
          throw new VesselprintError('EXTERNAL_TOOL', `ffmpeg could not be started: ${INSTALL}`, { path, cause: e });
        });
        if (code !== 0)
          throw new VesselprintError(
            'EXTERNAL_TOOL',
            `ffmpeg failed to decode the video (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`,
            { path },
          );
      } finally {
        if (child.exitCode === null) child.kill();
      }
    },
  };
}
