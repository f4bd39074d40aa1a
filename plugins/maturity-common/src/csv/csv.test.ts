import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header, CRLF rows and a final CRLF; empty cells for null and undefined', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, null],
          [true, undefined],
        ],
      ),
    ).toBe('a,b\r\n1,\r\ntrue,\r\n');
  });

  it('quotes what could break a row and writes objects as JSON', () => {
    expect(toCsv(['x'], [['say "hi", twice\n'], [{ level: 'gold' }]])).toBe(
      'x\r\n"say ""hi"", twice\n"\r\n"{""level"":""gold""}"\r\n',
    );
  });

  it('neutralises spreadsheet formulas', () => {
    expect(toCsv(['x'], [['=SUM(A1)'], ['-1'], ['@cmd']])).toBe(
      `x\r\n"'=SUM(A1)"\r\n"'-1"\r\n"'@cmd"\r\n`,
    );
  });
});
