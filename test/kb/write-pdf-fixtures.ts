/**
 * Writes the PDF fixtures in test/fixtures/notes/pdf/ (committed; run again only to change them):
 *   node -r ts-node/register/transpile-only test/kb/write-pdf-fixtures.ts
 * The text is the project's own, laid out as a lecturer's slide deck and a course handout are.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { A4, SLIDES, writePdf, type Block } from './pdf-writer';

export const slideDeck: Block[][] = [
  [{ title: 'Week 5: Robust regression losses' }, { text: 'ML 301, spring term' }, { text: 'R. Okafor' }],
  [
    { title: 'Why squared error is fragile' },
    { bullet: 'MSE squares every residual, so one reading that is off by 10 costs as much as a hundred readings off by 1.' },
    { bullet: 'The gradient grows with the residual: a single bad label can drag the whole fit towards it.' },
    { bullet: 'Sensor glitches and typos in spreadsheets are exactly this kind of outlier.' },
  ],
  [
    { title: 'Huber loss' },
    { text: 'Huber loss is quadratic for small residuals and linear for large ones, so it behaves like MSE near the fit and like MAE far from it.' },
    { bullet: 'For |r| <= delta: loss = 0.5 * r^2' },
    { bullet: 'For |r| > delta: loss = delta * (|r| - 0.5 * delta)' },
    { bullet: 'The gradient is capped at delta, which is what makes it robust.' },
  ],
  [
    { title: 'Huber loss (cont.)' },
    { text: 'Choosing delta in practice:' },
    { bullet: 'Set delta near the size of a residual you still consider normal noise.' },
    { bullet: 'With standardised targets, delta = 1.0 is the usual starting point.' },
    { bullet: 'Too small a delta turns Huber into MAE and slows convergence near the optimum.' },
  ],
  [
    { title: 'Mean absolute error' },
    { text: 'MAE averages the absolute residuals. Every unit of error costs the same, so outliers pull on the fit no harder than ordinary points.' },
    { bullet: 'Its minimiser is the median of the targets, not the mean.' },
    { bullet: 'The gradient is a constant +1 or -1, which makes the last steps of training jumpy unless the learning rate decays.' },
  ],
  [
    { title: 'Log-cosh loss' },
    { text: 'Log-cosh takes the logarithm of the hyperbolic cosine of the residual. It is smooth everywhere, close to 0.5 * r^2 for small residuals and close to |r| - log 2 for large ones.' },
    { bullet: 'Twice differentiable, so second-order optimisers can use it.' },
    { bullet: 'For very large residuals cosh overflows in float32; compute it as |r| + log(1 + exp(-2|r|)) - log 2.' },
  ],
  [
    { title: 'Comparing the three' },
    { numbered: '1. Clean data with Gaussian noise: MSE is still the efficient choice.' },
    { numbered: '2. A few gross outliers: Huber, with delta set from the noise level.' },
    { numbered: '3. Heavy-tailed noise everywhere: MAE, or log-cosh if you need smooth gradients.' },
  ],
  [{ title: 'Questions?' }, { text: 'Office hours Thursday 14:00' }],
];

export const handout: Block[][] = [
  [
    { title: 'Handout: quantile loss and prediction intervals' },
    {
      text: 'Most regression losses ask the model for one number, a best guess. Many real decisions need a range instead: how many beds a ward needs on a bad night, how long a delivery may take before a customer complains. Quantile regression answers that by training one output per quantile, each with the pinball loss below. This handout collects what we covered in the tutorial, with the formulas written out and the mistakes students made in last year\'s lab.',
    },
    { heading: '1 The pinball loss' },
    {
      text: 'For a quantile level tau between 0 and 1, the pinball loss of a residual r = y - y_hat is tau * r when r is positive and (tau - 1) * r when r is negative. Under-predicting costs tau per unit and over-predicting costs 1 - tau per unit, so the loss is a tilted absolute value.',
    },
    { subheading: '1.1 Why it gives a quantile' },
    {
      text: 'Minimising the expected pinball loss over a constant prediction gives the tau-quantile of the target distribution. At tau = 0.5 both sides cost the same and the loss is half the absolute error, whose minimiser is the median. At tau = 0.9 an under-prediction costs nine times as much as an over-prediction, so the prediction moves up until only one target in ten lies above it.',
    },
    { subheading: '1.2 A worked case' },
    {
      text: 'Take tau = 0.9, a target of 10 and a prediction of 8. The residual is 2, positive, so the loss is 0.9 * 2. Had the prediction been 12, the residual would be -2 and the loss (0.9 - 1) * -2. The asymmetry between the two is the whole point.',
    },
    { heading: '2 Prediction intervals' },
    {
      text: 'Train two outputs, one at tau = 0.05 and one at tau = 0.95, and the pair brackets an interval that should contain about 90 percent of new targets. Check that coverage on held-out data: an interval that covers 70 percent is too narrow, whatever the training loss says.',
    },
    { subheading: '2.1 Crossing quantiles' },
    {
      text: 'Nothing in the two losses stops the 0.05 output from rising above the 0.95 output for some inputs. Sort the outputs after prediction, or predict the lower bound and a non-negative width instead of two free numbers.',
    },
    { subheading: '2.2 Mistakes from last year\'s lab' },
    { bullet: 'Swapping tau and 1 - tau, which trains the 0.1 quantile when the 0.9 quantile was asked for.' },
    { bullet: 'Averaging the pinball losses of different quantiles with one learning rate and reading the sum as a single accuracy number.' },
    { bullet: 'Reporting the interval width without its coverage. A wide interval always covers; the question is whether it is wider than it needs to be.' },
    { heading: '3 Relation to other losses' },
    {
      text: 'The pinball loss at tau = 0.5 is half the mean absolute error, so everything said about MAE gradients holds: the gradient is constant in size, and the learning rate has to decay for training to settle. A smoothed version replaces the kink at zero by a small quadratic, in the same way that Huber loss smooths MAE.',
    },
    {
      text: 'Expectile regression uses squared residuals with the same tilted weights. It is smooth and easy to optimise, but an expectile is not a quantile, and intervals built from expectiles do not have the coverage people expect from them.',
    },
  ],
];

async function main(): Promise<void> {
  const folder = join(__dirname, '../fixtures/notes/pdf');
  writeFileSync(join(folder, 'Week 5 - Robust regression losses.pdf'), await writePdf({ ...SLIDES, footer: 'ML 301 - Week 5 - Robust losses' }, slideDeck));
  writeFileSync(join(folder, 'quantile-loss-handout.pdf'), await writePdf({ ...A4, footer: 'ML 301 tutorial handout' }, handout));
}

if (require.main === module) void main();
