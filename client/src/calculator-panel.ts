import { calculate, CalcError, formatNumber, losses, type LossCase, type LossInfo } from '../../src/core';
import { lossPlot } from './loss-plot';
import { formatNumbersIn, readableNumber } from './readable-numbers';

/** Losses the panel can edit: those that read targets and predictions. */
const editable = losses.filter((loss) => loss.inputs.yTrue !== undefined && loss.inputs.yPred !== undefined && loss.id !== 'combined');

function parseNumbers(text: string): number[] | number[][] {
  const rows = text.split(';').map((row) => row.split(/[,\s，、]+/).filter(Boolean).map(Number));
  return rows.length === 1 ? rows[0]! : rows;
}

function paramInputs(loss: LossInfo, container: HTMLElement): void {
  container.replaceChildren();
  for (const param of loss.params.filter((p) => p.type === 'number' || p.type === 'integer' || p.type === 'boolean')) {
    const label = document.createElement('label');
    label.htmlFor = `param-${param.name}`;
    label.textContent = param.name;
    const input = document.createElement('input');
    input.id = `param-${param.name}`;
    input.dataset['param'] = param.name;
    input.dataset['kind'] = param.type;
    input.value = String(param.default ?? '');
    input.title = param.description;
    container.append(label, input);
  }
}

function readParams(container: HTMLElement): Record<string, number | boolean> {
  const params: Record<string, number | boolean> = {};
  for (const input of container.querySelectorAll<HTMLInputElement>('input[data-param]')) {
    if (input.value.trim() === '') continue;
    params[input.dataset['param']!] = input.dataset['kind'] === 'boolean' ? input.value.trim() === 'true' : Number(input.value);
  }
  return params;
}

/** The calculator panel: the same core as the server, run in the browser as the learner types. */
export function setUpCalculator(form: HTMLFormElement, output: HTMLElement, plot: HTMLElement): void {
  const select = form.querySelector<HTMLSelectElement>('#calc-loss')!;
  const targets = form.querySelector<HTMLInputElement>('#calc-true')!;
  const predictions = form.querySelector<HTMLInputElement>('#calc-pred')!;
  const params = form.querySelector<HTMLElement>('#calc-params')!;
  for (const loss of editable) select.add(new Option(`${loss.id} — ${loss.name}`, loss.id));
  const update = () => {
    const loss = editable.find((l) => l.id === select.value)!;
    const lossCase: LossCase = { loss: loss.id, params: readParams(params), inputs: { yTrue: parseNumbers(targets.value), yPred: parseNumbers(predictions.value) } };
    try {
      const result = calculate(lossCase, { grad: true, steps: true });
      const rows = (result.steps?.rows ?? []).map((row) => `<tr><td>${row.index + 1}</td><td>${JSON.stringify(row.target)}</td><td>${JSON.stringify(row.prediction)}</td><td>${row.error === undefined ? '' : formatNumber(row.error)}</td><td>${formatNumber(row.loss)}</td></tr>`);
      output.innerHTML = `<p><strong id="calc-value" data-value="${formatNumber(result.value as number)}" title="${formatNumber(result.value as number)}">${readableNumber(result.value as number)}</strong> — ${result.steps?.formula.words ?? ''}</p><table><thead><tr><th>#</th><th>target</th><th>prediction</th><th>error</th><th>loss</th></tr></thead><tbody>${rows.join('')}</tbody></table><p>${result.steps?.reduction.expression ?? ''}</p><p class="gradient">gradient: ${JSON.stringify(result.grad?.toNested() ?? []).replace(/,/g, ', ')}</p>`;
      formatNumbersIn(output);
      const yTrue = lossCase.inputs.yTrue as number[];
      const yPred = lossCase.inputs.yPred as number[];
      const points = ['bce', 'focal'].includes(loss.id) ? yPred.map((p, i) => (yTrue[i] === 1 ? p : 1 - p)) : yPred.map((p, i) => p - yTrue[i]!);
      const svg = lossPlot(loss.id, lossCase.params, loss.id === 'focal' ? [] : points);
      plot.replaceChildren(...(svg ? [svg] : []));
    } catch (error) {
      output.innerHTML = '';
      const message = document.createElement('p');
      message.className = 'error';
      message.textContent = error instanceof CalcError ? error.message : String(error);
      output.append(message);
    }
  };
  select.addEventListener('change', () => {
    paramInputs(editable.find((l) => l.id === select.value)!, params);
    update();
  });
  form.addEventListener('input', update);
  select.value = 'mse';
  paramInputs(editable.find((l) => l.id === 'mse')!, params);
  update();
}
