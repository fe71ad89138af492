/* Search index of this edition, made by teikit at build time: [href, label, text]. */
window.teikitSearchIndex = [["index.html#ch1","1","One"],
["index.html#p1","1 ¶ 1","A paragraph with a note. And the end."],
["index.html#note-2-1-1-2-1","note 1","The note."],
["index.html#quote-2-1-1-3","1 ¶ 2","A block quotation."],
["index.html#list-2-1-1-4","1 ¶ 3","(1) First (2) Second"],
["index.html#ch2","2","Two"],
["index.html#p-2-1-2-2","2 ¶ 1","More text."]];
