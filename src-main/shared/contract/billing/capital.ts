const digits = '零壹贰叁肆伍陆柒捌玖';
const units = ['', '拾', '佰', '仟'];
const groups = ['', '万', '亿'];

/** 金额大写 for receipts: 12345.60 元 → 壹万贰仟叁佰肆拾伍元陆角整. */
export function capitalYuan(fen: number): string {
  if (fen === 0) return '零元整';
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuanPart = Math.floor(abs / 100);
  const jiao = Math.floor((abs % 100) / 10);
  const fenPart = abs % 10;
  let text = '';
  if (yuanPart > 0) {
    const s = String(yuanPart);
    let zero = false;
    for (let i = 0; i < s.length; i += 1) {
      const d = Number(s[i]);
      const pos = s.length - 1 - i;
      if (d === 0) {
        zero = true;
      } else {
        if (zero) text += '零';
        zero = false;
        text += digits[d]! + units[pos % 4]!;
      }
      if (pos % 4 === 0 && pos > 0) {
        // A group of four that is all zeros adds no 万.
        const group = s.slice(Math.max(0, i - 3), i + 1);
        if (Number(group) > 0) text += groups[pos / 4]!;
      }
    }
    text += '元';
  }
  if (jiao === 0 && fenPart === 0) text += '整';
  else {
    if (jiao > 0) text += `${digits[jiao]!}角`;
    else if (yuanPart > 0) text += '零';
    if (fenPart > 0) text += `${digits[fenPart]!}分`;
    else text += '整';
  }
  return (negative ? '负' : '') + text;
}
