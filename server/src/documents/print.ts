/** Paper materials go to the province 一式两份 (notice §四(五)): every printable form asks for two copies. */
export const PAPER_COPIES = 2;
