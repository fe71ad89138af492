/* Search index of this edition: [href, label, text], made by teikit at build time. */
window.teikitSearchIndex = [["index.html#ch1","1","One"],
["index.html#p1","1 ¶ 1","A paragraph with a note. And the end."],
["index.html#note-2-1-1-2-1","note 1","The note."],
["index.html#quote-a-block-quotation-3g7n","1 ¶ 2","A block quotation."],
["index.html#list-1-first-2-second-37g6","1 ¶ 3","(1) First (2) Second"],
["index.html#ch2","2","Two"],
["index.html#p-more-text-1tqk","2 ¶ 1","More text."]];
