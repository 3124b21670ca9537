"""El paquete OPC de un libro. Importa solo la biblioteca estándar, lxml, `nucleo.errores` y
`nucleo.imprimible`.

`constantes` es la hoja del árbol (espacios de nombres, tipos de contenido y de relación, dialectos);
`xml_seguro` lee XML sin entidades ni red y tiene todos los escapes (texto, atributos y «_xHHHH_»);
`paquete` es el modelo (partes, relaciones, tipos de contenido); `zipcrudo` copia entradas sin
recomprimir; `atomico` guarda en un temporal y renombra; `validacion` revisa la entrada con sus
límites y traduce los errores de zip.
"""
