/** The colours a card or stage can take; `null` is the lane's own colour. */
export const SWATCHES: readonly { name: string; value: string | null }[] = [
  { name: 'Lane colour', value: null },
  { name: 'Yellow', value: '#fff6c7' },
  { name: 'Orange', value: '#ffe2c2' },
  { name: 'Red', value: '#fde2e1' },
  { name: 'Pink', value: '#fbe0f0' },
  { name: 'Purple', value: '#ece8f7' },
  { name: 'Blue', value: '#e3edfd' },
  { name: 'Green', value: '#dff5e3' },
  { name: 'Grey', value: '#eceff3' },
];
