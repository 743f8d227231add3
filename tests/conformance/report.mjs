// What both conformance runners print: one line per check ("ok"/"FAIL" with the first mismatch) and a
// closing "NAME: N passed, N failed" that scripts/summarize_tests.py adds up.
export function createReport() {
  let passed = 0, failed = 0;
  return {
    check(name, mismatches, checked, example) {
      if (mismatches === 0) {
        passed++;
        console.log(`ok    ${name} (${checked} inputs)`);
      } else {
        failed++;
        console.log(`FAIL  ${name}: ${mismatches} of ${checked} inputs differ; first: ${example}`);
      }
    },
    // Prints the closing line and ends the process, non-zero on any failure.
    finish(suite) {
      console.log(`${suite}: ${passed} passed, ${failed} failed`);
      process.exit(failed ? 1 : 0);
    },
  };
}

export const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
export const show = (s) => JSON.stringify(s.length > 80 ? s.slice(0, 80) + '…' : s);
