// Category accuracy over real error texts collected from public issue threads (AWS CLI, boto3, SDKs for
// JavaScript, Go, Java, .NET, PHP and Ruby, Terraform, GitHub Actions). The rules are general; this measures them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../src/diagnostics/classify.js';
import { loadCorpus } from './corpus.js';

const REQUIRED_ACCURACY = 0.95;

describe('classifier accuracy on the issue-thread corpus', () => {
  const corpus = loadCorpus();

  it('has at least 60 real error texts, each with a source URL and a settled cause', () => {
    assert.ok(corpus.length >= 60, `only ${corpus.length} fixtures`);
    const ids = new Set<string>();
    for (const entry of corpus) {
      assert.match(entry.source, /^https:\/\/github\.com\/[^/]+\/[^/]+\/(?:issues|pull)\/\d+$/, entry.id);
      assert.ok(entry.text.trim().length > 0, entry.id);
      assert.ok(entry.settledCause.trim().length > 0, entry.id);
      assert.ok(entry.batch === 'development' || entry.batch === 'held-out', entry.id);
      assert.ok(!ids.has(entry.id), `duplicate id ${entry.id}`);
      ids.add(entry.id);
    }
  });

  it(`classifies at least ${REQUIRED_ACCURACY * 100}% of them into the expected category`, () => {
    const misses: string[] = [];
    let correct = 0;
    for (const entry of corpus) {
      const diagnosis = classify(entry.text);
      if (diagnosis.category === entry.expectedCategory) correct += 1;
      else misses.push(`${entry.id}: expected ${entry.expectedCategory}, got ${diagnosis.category} (${diagnosis.code ?? 'no code'})`);
    }
    const ratio = correct / corpus.length;
    console.log(`category accuracy: ${correct}/${corpus.length} = ${(ratio * 100).toFixed(1)}%`);
    for (const batch of ['development', 'held-out'] as const) {
      const entries = corpus.filter((e) => e.batch === batch);
      const right = entries.filter((e) => classify(e.text).category === e.expectedCategory).length;
      console.log(`  ${batch}: ${right}/${entries.length}`);
    }
    for (const miss of misses) console.log(`  miss ${miss}`);
    assert.ok(ratio >= REQUIRED_ACCURACY, `accuracy ${(ratio * 100).toFixed(1)}% is below ${REQUIRED_ACCURACY * 100}%`);
  });

  it('gives every fixture a summary, at least one cause and one next step', () => {
    for (const entry of corpus) {
      const d = classify(entry.text);
      assert.ok(d.summary.length > 0, entry.id);
      assert.ok(d.causes.length > 0, entry.id);
      assert.ok(d.nextSteps.length > 0, entry.id);
      assert.ok(d.message.length > 0 && d.message.length <= 600, `${entry.id}: message of ${d.message.length} chars`);
    }
  });
});
