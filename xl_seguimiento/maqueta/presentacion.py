"""Cómo se presenta un informe fuera de Excel: documento JSON y resumen para la consola."""

from collections import Counter
from pathlib import Path

from ..nucleo.auditoria import en_puntos
from ..nucleo.modelo import Informe, TipoAlerta
from ..nucleo.textos import un_decimal


def documento_json(informe: Informe) -> dict:
    """El documento de `--json`: año, parámetros, índice con cobertura, indicadores y alertas."""
    return {
        "anio": informe.anio,
        "parametros": informe.parametros.como_dict(),
        "indice": {
            "valor": informe.indice.valor,
            "con_dato": informe.indice.con_dato,
            "total": informe.indice.total,
        },
        "indicadores": [
            {
                "codigo": r.indicador.codigo,
                "avance": r.avance.valor,
                "categoria": str(r.categoria),
                "avance_registrado": None
                if r.indicador.avance_registrado is None
                else en_puntos(r.indicador.avance_registrado),
            }
            for r in informe.indicadores
        ],
        "alertas": [
            {"nivel": str(a.nivel), "codigo": a.codigo, "tipo": str(a.tipo), "mensaje": a.mensaje}
            for a in informe.alertas
        ],
    }


def resumen_texto(informe: Informe, destino: Path | None) -> str:
    """Resumen breve para la persona: índice, cobertura, alertas por tipo y archivo escrito."""
    cuenta = Counter(a.tipo for a in informe.alertas)
    lineas = [
        f"{informe.titulo} — año {informe.anio} (hoja «{informe.hoja}»)",
        f"Índice de gestión: {un_decimal(informe.indice.valor)} ({informe.indice.cobertura}), "
        f"categoría {informe.categoria}",
        "Alertas: " + ", ".join(f"{t.etiqueta}: {cuenta[t]}" for t in TipoAlerta),
    ]
    if destino is not None:
        lineas.append(f"Hoja «Alertas» escrita en: {destino}")
    return "\n".join(lineas)
