"""Pre-training of the compact PhoBERT-style (RoBERTa) encoder for vnparty-ie.

Modules:
    corpus: streaming reader of the word-segmented news corpus, normalised.
    train_tokenizer: BPE tokenizer training and vocabulary-size measurement.
    prepare_data: streams the corpus into packed token-id files.
    data: packed sequence dataset with resumable order and dynamic masking.
    model: RoBERTa model construction and the masked-positions-only MLM loss.
    benchmark: training throughput of candidate model sizes.
    pretrain: the MLM training loop (resumable) and its CLI.
    export: fp16 Hugging Face export and model card.
"""
