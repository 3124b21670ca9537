"""Cómo se presenta un informe fuera de Excel: documento JSON y resumen para la consola."""

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..nucleo.auditoria import en_puntos
from ..nucleo.modelo import Informe, TipoAlerta
from ..nucleo.textos import un_decimal
from .anotaciones import Anotacion, Conciliacion
from .columnas import SIN_CODIGO


def documento_json(informe: Informe, conciliacion: Conciliacion | None = None) -> dict:
    """El documento de `--json`: año, parámetros, índice con cobertura, indicadores y alertas.

    Con `conciliacion`, cada alerta lleva lo que el usuario escribió junto a ella («usuario») y el
    documento, lo que ya no tiene alerta («ya_no_aparecen»).
    """
    return {
        "anio": informe.anio,
        "parametros": informe.parametros.como_dict(),
        "indice": {
            "valor": informe.indice.valor,
            "con_dato": informe.indice.con_dato,
            "total": informe.indice.total,
            "por_anio": _serie(informe, ""),
        },
        "indicadores": [
            {
                "codigo": r.indicador.codigo,
                "avance": r.avance.valor,
                "categoria": str(r.categoria),
                "serie": _serie(informe, r.indicador.codigo),
                "avance_registrado": None
                if r.indicador.avance_registrado is None
                else en_puntos(r.indicador.avance_registrado),
            }
            for r in informe.indicadores
        ],
        "alertas": [
            {"nivel": str(a.nivel), "codigo": a.codigo, "tipo": str(a.tipo), "mensaje": a.mensaje}
            | ({"usuario": _usuario(v)} if conciliacion else {})
            for a, v in zip(informe.alertas, _por_alerta(informe, conciliacion), strict=True)
        ],
    } | ({"ya_no_aparecen": [_huerfana(h) for h in conciliacion.huerfanas]} if conciliacion else {})


def _serie(informe: Informe, codigo: str) -> dict[str, float | None]:
    """Avance o índice por año, con el año como texto (las claves de JSON lo son)."""
    return {str(anio): valor for anio, valor in sorted(informe.series.get(codigo, {}).items())}


CLAVES_USUARIO = ("justificacion", "medida_correctiva", "responsable_medida", "plazo", "estado")


def _usuario(valores: Sequence[object]) -> dict[str, object]:
    """Las columnas del usuario de una alerta (las fechas, en ISO 8601; lo vacío, None)."""
    return {
        clave: v.isoformat() if isinstance(v, date) else (None if v in (None, "") else v)
        for clave, v in zip(CLAVES_USUARIO, valores, strict=True)
    }


_TIPO_POR_ETIQUETA = {t.etiqueta: str(t) for t in TipoAlerta}


def _huerfana(anotacion: Anotacion) -> dict[str, object]:
    """Lo escrito para una alerta que ya no aparece, con el código y el tipo como en «alertas»."""
    return {
        "codigo": "" if anotacion.codigo == SIN_CODIGO else anotacion.codigo,
        "tipo": _TIPO_POR_ETIQUETA.get(anotacion.tipo, anotacion.tipo),
        "anio": anotacion.anio,
        **_usuario(anotacion.valores),
    }


def _por_alerta(informe: Informe, conciliacion: Conciliacion | None) -> Sequence[Sequence[object]]:
    return conciliacion.por_alerta if conciliacion else [()] * len(informe.alertas)


HOJAS_ESCRITAS = "Hojas «Alertas» y «Tablero» escritas"  # lo que dicen los dos resúmenes


def resumen_texto(informe: Informe, destino: Path | None) -> str:
    """Resumen breve para la persona: índice, cobertura, alertas por tipo, avisos de lectura y archivo escrito."""
    cuenta = informe.alertas_por_tipo()
    lineas = [
        f"{informe.titulo} — año {informe.anio} (hoja «{informe.hoja}»)",
        f"Índice de gestión: {un_decimal(informe.indice.valor)} ({informe.indice.cobertura}), "
        f"categoría {informe.categoria}",
        "Alertas: " + ", ".join(f"{t.etiqueta}: {cuenta[t]}" for t in TipoAlerta),
        *(f"Aviso: {aviso}" for aviso in informe.avisos),
    ]
    if destino is not None:
        lineas.append(f"{HOJAS_ESCRITAS} en: {destino}")
    return "\n".join(lineas)
