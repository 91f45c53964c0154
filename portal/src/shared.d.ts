// The CLI's library (scripts/src, JavaScript): typed loosely here, documented there.
declare module '@landchain/scripts/*';
