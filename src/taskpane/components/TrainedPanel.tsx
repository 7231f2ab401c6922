/* global HTMLCanvasElement, PointerEvent */
import {
  Button,
  Caption1,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { memo, useEffect, useRef, useState } from "react";
import type { TestReport, TrainedNetwork } from "../../engine/train/protocol";
import { classify, downsample, type Classification } from "../digit-classifier";
import type { Trained } from "../training-controller";

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalL, display: "grid", gap: tokens.spacingVerticalS },
  digits: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(48px, 1fr))",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  digit: { display: "grid", justifyItems: "center", margin: 0 },
  image: { width: "42px", height: "42px", imageRendering: "pixelated", border: `2px solid transparent` },
  wrong: { border: `2px solid ${tokens.colorPaletteRedBorder2}` },
  wrongText: { color: tokens.colorPaletteRedForeground1 },
  pad: {
    width: "168px",
    height: "168px",
    touchAction: "none",
    cursor: "crosshair",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  padRow: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "flex-start", flexWrap: "wrap" },
});

/** After a run: test digits with true and predicted labels (misclassified ones marked), and a pad to draw on. */
export const TrainedPanel = memo(function TrainedPanel({ trained }: { trained: Trained | undefined }) {
  const styles = useStyles();
  if (!trained) return null;
  return (
    <section className={styles.section} aria-labelledby="gd-trained-title">
      <Subtitle2 as="h3" id="gd-trained-title">
        The trained network
      </Subtitle2>
      {trained.report && <TestDigits report={trained.report} />}
      <DigitPad network={trained.network} />
    </section>
  );
});

function TestDigits({ report }: { report: TestReport }) {
  const styles = useStyles();
  const s = report.samples;
  const wrong = Array.from(s.label).filter((l, k) => l !== s.predicted[k]).length;
  return (
    <>
      <Caption1>
        Test digits: true → predicted. The first {s.count - wrong > 0 ? "images" : "image"} of the test set,
        then misclassified ones (outlined red). The confusion matrix is on the run&apos;s sheet.
      </Caption1>
      <ul className={styles.digits} aria-label="Test digits with predictions">
        {Array.from({ length: s.count }, (_, k) => {
          const label = s.label[k] as number;
          const predicted = s.predicted[k] as number;
          const ok = label === predicted;
          const name = `test image ${s.index[k]}: true ${label}, predicted ${predicted}${ok ? "" : " (wrong)"}`;
          return (
            <li key={k} className={styles.digit} aria-label={name}>
              <DigitImage
                pixels={s.pixels.subarray(k * s.pixelsPerImage, (k + 1) * s.pixelsPerImage)}
                className={mergeClasses(styles.image, !ok && styles.wrong)}
              />
              <Caption1 className={ok ? undefined : styles.wrongText} aria-hidden>
                {label} → {predicted}
              </Caption1>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** One 28×28 digit (white on black), drawn once. */
function DigitImage({ pixels, className }: { pixels: Uint8Array; className: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const side = Math.round(Math.sqrt(pixels.length));
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const image = context.createImageData(side, side);
    pixels.forEach((p, i) => {
      image.data.set([p, p, p, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }, [pixels, side]);
  return <canvas ref={canvas} width={side} height={side} className={className} aria-hidden />;
}

const PAD = 168;

/** Draw a digit with the mouse (or a pen, or a finger): the network classifies it when the stroke ends. */
function DigitPad({ network }: { network: TrainedNetwork }) {
  const styles = useStyles();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [answer, setAnswer] = useState<Classification | undefined>();
  const clear = () => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    context.fillStyle = "black";
    context.fillRect(0, 0, PAD, PAD);
    setAnswer(undefined);
  };
  useEffect(clear, [network]);
  const point = (event: PointerEvent | React.PointerEvent) => {
    const box = canvas.current?.getBoundingClientRect();
    return box ? [event.clientX - box.left, event.clientY - box.top] : [0, 0];
  };
  const stroke = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const context = canvas.current?.getContext("2d");
    if (!context || !drawing.current) return;
    const [x, y] = point(event);
    context.lineTo(x as number, y as number);
    context.stroke();
  };
  return (
    <>
      <Text weight="semibold">Draw a digit</Text>
      <div className={styles.padRow}>
        <canvas
          ref={canvas}
          width={PAD}
          height={PAD}
          className={styles.pad}
          role="img"
          aria-label="Drawing pad: draw a digit with the mouse"
          onPointerDown={(event) => {
            const context = canvas.current?.getContext("2d");
            if (!context) return;
            drawing.current = true;
            event.currentTarget.setPointerCapture(event.pointerId);
            const [x, y] = point(event);
            context.strokeStyle = "white";
            context.lineWidth = 14;
            context.lineCap = "round";
            context.lineJoin = "round";
            context.beginPath();
            context.moveTo(x as number, y as number);
          }}
          onPointerMove={stroke}
          onPointerUp={() => {
            drawing.current = false;
            const context = canvas.current?.getContext("2d");
            if (!context) return;
            const inputs = downsample(context.getImageData(0, 0, PAD, PAD).data, PAD, PAD);
            setAnswer(classify(network, inputs));
          }}
        />
        <div>
          <Text id="gd-drawn-prediction" block>
            {answer ? `Predicted: ${answer.digit}` : "Predicted: draw first"}
          </Text>
          {answer && (
            <Caption1 block>{answer.outputs.map((v, i) => `${i}: ${v.toFixed(2)}`).join(" · ")}</Caption1>
          )}
          <Button size="small" onClick={clear}>
            Clear
          </Button>
        </div>
      </div>
    </>
  );
}
